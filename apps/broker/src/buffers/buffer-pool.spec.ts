import { BufferPool } from './buffer-pool';

describe('BufferPool', () => {
  it('hands a buffer out again only after it is released', () => {
    const pool = new BufferPool(1 << 24);
    const first = pool.lease(100_000);
    const second = pool.lease(100_000);
    expect(second.buffer).not.toBe(first.buffer);
    first.release();
    expect(pool.lease(100_000).buffer).toBe(first.buffer);
  });

  it('rounds sizes up to power-of-two classes of at least 64 KiB and reuses within a class only', () => {
    const pool = new BufferPool(1 << 24);
    expect(pool.lease(1).buffer.length).toBe(64 * 1024);
    const mib = pool.lease((1 << 20) + 1);
    expect(mib.buffer.length).toBe(2 << 20);
    mib.release();
    expect(pool.lease(1 << 20).buffer).not.toBe(mib.buffer);
    expect(pool.lease(1_500_000).buffer).toBe(mib.buffer);
  });

  it('ignores a second release of the same lease', () => {
    const pool = new BufferPool(1 << 24);
    const lease = pool.lease(70_000);
    lease.release();
    lease.release();
    expect(pool.idleBytes).toBe(128 * 1024);
    const a = pool.lease(70_000);
    const b = pool.lease(70_000);
    expect(a.buffer).toBe(lease.buffer);
    expect(b.buffer).not.toBe(lease.buffer);
  });

  it('keeps at most the configured idle bytes', () => {
    const pool = new BufferPool(256 * 1024);
    const leases = Array.from({ length: 4 }, () => pool.lease(100_000));
    for (const l of leases) l.release();
    expect(pool.idleBytes).toBe(256 * 1024);
  });
});
