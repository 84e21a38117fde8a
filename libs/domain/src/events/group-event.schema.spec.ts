import { groupEventSchema } from './group-event.schema';

describe('groupEventSchema', () => {
  it('accepts a rebalance completion with its duration', () => {
    const event = { type: 'rebalance_completed', group_id: 'g', generation: 3, at: '2026-11-22T07:00:00.000Z', reason: 'member joined', members: 3, duration_ms: 120, protocol: 'range', leader: 'm-1' };
    expect(groupEventSchema.parse(event)).toEqual(event);
  });

  it('rejects an unknown event type and a state outside the classic five', () => {
    expect(groupEventSchema.safeParse({ type: 'member_teleported', group_id: 'g', generation: 1, at: '2026-11-22T07:00:00.000Z' }).success).toBe(false);
    expect(groupEventSchema.safeParse({ type: 'group_state_changed', group_id: 'g', generation: 1, at: '2026-11-22T07:00:00.000Z', from: 'Stable', to: 'AwaitingSync' }).success).toBe(false);
  });
});
