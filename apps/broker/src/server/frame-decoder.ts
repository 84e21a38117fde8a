import type { BufferLease, BufferPool } from '../buffers/buffer-pool';

/** A frame's size field is outside [minimum, socket.request.max.bytes]. */
export class InvalidFrameSizeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(size < 0 ? `frame size ${size} is negative` : `frame of ${size} bytes exceeds the limit of ${limit} bytes`);
    this.name = 'InvalidFrameSizeError';
  }
}

/** One request frame's payload; `lease` is set when it was assembled in a pooled buffer. */
export interface Frame {
  bytes: Buffer;
  lease?: BufferLease;
}

/** Frames at least this large that span socket chunks are assembled in pooled buffers. */
const POOLED_FRAME_BYTES = 64 * 1024;

/**
 * Splits a byte stream into Kafka frames (int32 size + payload). Frames that lie inside one socket
 * chunk are returned as views, so the common case copies nothing. A large frame spread over chunks
 * (a Produce request of batched records) is copied into a buffer leased from `pool` when one is
 * given; its holder may release it once nothing references the bytes. The size is checked before
 * any payload is buffered, so an oversize frame is refused without reading it.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private nextSize = -1;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly pool?: BufferPool,
  ) {}

  /** Bytes received but not yet returned as a frame. */
  get buffered(): number {
    return this.pendingBytes;
  }

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    if (this.pendingBytes === 0) {
      let offset = 0;
      while (chunk.length - offset >= 4) {
        const size = this.checkSize(chunk.readInt32BE(offset));
        if (chunk.length - offset - 4 < size) break;
        frames.push({ bytes: chunk.subarray(offset + 4, offset + 4 + size) });
        offset += 4 + size;
      }
      if (offset < chunk.length) this.append(chunk.subarray(offset));
      if (this.pendingBytes >= 4) this.nextSize = this.checkSize(this.peekInt32());
      return frames;
    }
    this.append(chunk);
    for (;;) {
      if (this.nextSize < 0) {
        if (this.pendingBytes < 4) break;
        this.nextSize = this.checkSize(this.peekInt32());
      }
      if (this.pendingBytes < 4 + this.nextSize) break;
      frames.push(this.pending.length === 1 ? this.viewOfOnlyChunk() : this.assemble());
      this.nextSize = -1;
    }
    return frames;
  }

  /** The next frame lies in the single pending chunk: a view of it, the rest stays pending. */
  private viewOfOnlyChunk(): Frame {
    const only = this.pending[0];
    const bytes = only.subarray(4, 4 + this.nextSize);
    const rest = only.subarray(4 + this.nextSize);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return { bytes };
  }

  /** Copies the next frame out of the pending chunks, into a pooled buffer when it is large. */
  private assemble(): Frame {
    const size = this.nextSize;
    const lease = this.pool && size >= POOLED_FRAME_BYTES ? this.pool.lease(size) : undefined;
    const bytes = lease ? lease.buffer.subarray(0, size) : Buffer.allocUnsafe(size);
    let sizeFieldLeft = 4;
    let filled = 0;
    while (sizeFieldLeft > 0 || filled < size) {
      const chunk = this.pending[0];
      const from = Math.min(sizeFieldLeft, chunk.length);
      sizeFieldLeft -= from;
      const n = Math.min(chunk.length - from, size - filled);
      chunk.copy(bytes, filled, from, from + n);
      filled += n;
      if (from + n < chunk.length) this.pending[0] = chunk.subarray(from + n);
      else this.pending.shift();
      this.pendingBytes -= from + n;
    }
    return { bytes, lease };
  }

  private append(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  private peekInt32(): number {
    const head = this.pending[0].length >= 4 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    return head.readInt32BE(0);
  }

  private checkSize(size: number): number {
    if (size < 0 || size > this.maxFrameBytes) throw new InvalidFrameSizeError(size, this.maxFrameBytes);
    return size;
  }
}
