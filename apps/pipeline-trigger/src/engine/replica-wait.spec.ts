import { isDurable, waitVerdict } from './replica-wait';

describe('waitVerdict', () => {
  it('is off when no replica is required, whatever happened', () => {
    expect(waitVerdict(0, { acked: 0 }, true)).toBe('off');
    expect(waitVerdict(0, { error: new Error('down') }, false)).toBe('off');
  });

  it('is replicated once enough replicas acknowledged, and too-few below that', () => {
    expect(waitVerdict(1, { acked: 1 }, true)).toBe('replicated');
    expect(waitVerdict(1, { acked: 2 }, true)).toBe('replicated');
    expect(waitVerdict(2, { acked: 1 }, true)).toBe('too-few');
    expect(waitVerdict(1, { acked: 0 }, true)).toBe('too-few');
  });

  it('never trusts a WAIT across a reconnect, even one that counted enough replicas', () => {
    // ioredis resends an unanswered WAIT on the new connection, where it covers none of the old one's writes.
    expect(waitVerdict(1, { acked: 1 }, false)).toBe('reconnected');
    expect(waitVerdict(1, { error: new Error('Connection is closed.') }, false)).toBe('reconnected');
  });

  it('is failed when the WAIT itself fails', () => {
    expect(waitVerdict(1, { error: new Error('READONLY') }, true)).toBe('failed');
  });

  it('lets a batch commit and a window go to BullMQ only when off or replicated', () => {
    expect(['off', 'replicated', 'too-few', 'reconnected', 'failed'].filter((v) => isDurable(v as never))).toEqual(['off', 'replicated']);
  });
});
