import { ConnectionLimiter } from './connection-limiter';

describe('ConnectionLimiter', () => {
  it('refuses a client over its own limit while others still get in', () => {
    const limiter = new ConnectionLimiter(10, 2);
    expect(limiter.tryAcquire('a')).toBe('ok');
    expect(limiter.tryAcquire('a')).toBe('ok');
    expect(limiter.tryAcquire('a')).toBe('client_full');
    expect(limiter.tryAcquire('b')).toBe('ok');
    limiter.release('a');
    expect(limiter.tryAcquire('a')).toBe('ok');
    expect(limiter.open).toBe(3);
  });

  it('refuses everyone once the process is full, and recovers on release', () => {
    const limiter = new ConnectionLimiter(2, 5);
    limiter.tryAcquire('a');
    limiter.tryAcquire('b');
    expect(limiter.tryAcquire('c')).toBe('process_full');
    limiter.release('b');
    expect(limiter.tryAcquire('c')).toBe('ok');
  });

  it('ignores a release for a client it never admitted', () => {
    const limiter = new ConnectionLimiter(2, 1);
    limiter.release('ghost');
    expect(limiter.open).toBe(0);
    expect(limiter.tryAcquire('ghost')).toBe('ok');
  });
});
