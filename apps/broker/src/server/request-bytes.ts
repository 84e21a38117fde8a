import type { BufferLease } from '../buffers/buffer-pool';

/**
 * Who owns a request's bytes: the one contract for them in the broker.
 *
 * Every Buffer in a decoded request (Produce records, JoinGroup metadata, SyncGroup assignments, SASL tokens) is a
 * view into the request frame, and a large frame is a pooled buffer that a later request is read into once the frame
 * is released. So:
 *  - the connection holds one reference from decoding until the response has been handed to the kernel (or is
 *    certain never to be written);
 *  - a handler that keeps a view beyond that calls `ctx.requestBytes.retain()` and calls the release it returns
 *    once it no longer reads the view (Produce: once each log append has settled, see PartitionLog.append);
 *  - what is kept indefinitely (a member's metadata, an assignment) is copied (`Buffer.from`), never retained;
 *  - when the last reference is released the frame goes back to its pool. A frame from no pool is left to the GC,
 *    so for it retain and release cost nothing.
 * test/request-bytes.int-spec.ts poisons every released frame and checks that no client sees the poison.
 */
export interface RequestBytes {
  /** Adds a reference; the returned function drops it (calling it again does nothing). */
  retain(): () => void;
}

const noop = (): void => undefined;

/** The bytes of a frame that came from no pool: the GC keeps them alive as long as any view is referenced. */
export const UNPOOLED_REQUEST_BYTES: RequestBytes & { release(): void } = { retain: () => noop, release: noop };

/** A pooled frame, reference-counted: the lease is released when the count drops to zero. */
export class PooledRequestBytes implements RequestBytes {
  private references = 1;

  constructor(private readonly lease: BufferLease) {}

  retain(): () => void {
    if (this.references === 0) throw new Error('request bytes retained after their last release');
    this.references++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  /** Drops the connection's own reference (once per frame). */
  release(): void {
    if (--this.references === 0) this.lease.release();
  }
}
