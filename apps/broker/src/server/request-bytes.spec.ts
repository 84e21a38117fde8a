import { BufferPool } from '../buffers/buffer-pool';
import { PooledRequestBytes, UNPOOLED_REQUEST_BYTES } from './request-bytes';

describe('request bytes', () => {
  const leaseCounting = () => {
    const pool = new BufferPool(1 << 20);
    const lease = pool.lease(1);
    let released = 0;
    return { lease: { buffer: lease.buffer, release: () => (released++, lease.release()) }, released: () => released };
  };

  it('goes back to its pool only once the connection and every retainer have released it', () => {
    const { lease, released } = leaseCounting();
    const bytes = new PooledRequestBytes(lease);
    const first = bytes.retain();
    const second = bytes.retain();
    bytes.release();
    first();
    first(); // a second call of one release changes nothing
    expect(released()).toBe(0);
    second();
    expect(released()).toBe(1);
  });

  it('refuses a retain after the last release: the bytes may already hold another request', () => {
    const { lease } = leaseCounting();
    const bytes = new PooledRequestBytes(lease);
    bytes.release();
    expect(() => bytes.retain()).toThrow('retained after their last release');
  });

  it('costs nothing for a frame from no pool', () => {
    const release = UNPOOLED_REQUEST_BYTES.retain();
    expect(release).toBe(UNPOOLED_REQUEST_BYTES.retain());
    release();
    UNPOOLED_REQUEST_BYTES.release();
  });
});
