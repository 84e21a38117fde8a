import { hostname } from 'node:os';
import { defaultConsumerName } from './consumer-name';

describe('defaultConsumerName', () => {
  it('is the pod name and the pid', () => {
    expect(defaultConsumerName({ HOSTNAME: 'chat-consumer-7d9f-abc12' }, 1)).toBe('chat-consumer-7d9f-abc12-1');
  });

  it('falls back to the host name outside Kubernetes', () => {
    expect(defaultConsumerName({}, 42)).toBe(`${hostname()}-42`);
  });
});
