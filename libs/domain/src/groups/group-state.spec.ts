import { isGroupState } from './group-state';

describe('isGroupState', () => {
  it('accepts the names Kafka reports and rejects others', () => {
    expect(isGroupState('CompletingRebalance')).toBe(true);
    expect(isGroupState('AwaitingSync')).toBe(false);
  });
});
