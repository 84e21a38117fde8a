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

/** Frames at least this large are copied into pooled buffers. */
export const POOLED_FRAME_BYTES = 64 * 1024;

/**
 * Splits a byte stream into Kafka frames (int32 size + payload). Every frame is copied out of the
 * chunks it arrives in, so the socket can read into one reused buffer: a fresh 64 KiB buffer per
 * read (Node's default) makes V8 collect for "external memory pressure" several times a second
 * under produce load. A frame's buffer is allocated once its size is known (as Apache Kafka
 * does, bounded by socket.request.max.bytes), leased from `pool` when the frame is large; the
 * connection hands it to request-bytes.ts's reference count. The size is checked before any
 * payload is buffered, so an oversize frame is refused without reading it.
 */
export class FrameDecoder {
  private readonly sizeField = Buffer.alloc(4);
  private sizeFieldFilled = 0;
  private frame: Frame | undefined;
  private frameFilled = 0;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly pool?: BufferPool,
    private readonly pooledFrameMinBytes = POOLED_FRAME_BYTES,
  ) {}

  /** Bytes received but not yet returned as a frame. */
  get buffered(): number {
    return this.frame ? 4 + this.frameFilled : this.sizeFieldFilled;
  }

  /** The frames `chunk` completes. Nothing refers to `chunk` afterwards: the caller may reuse it. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.frame) {
        let size: number;
        if (this.sizeFieldFilled === 0 && chunk.length - offset >= 4) {
          size = chunk.readInt32BE(offset);
          offset += 4;
        } else {
          const n = Math.min(4 - this.sizeFieldFilled, chunk.length - offset);
          chunk.copy(this.sizeField, this.sizeFieldFilled, offset, offset + n);
          this.sizeFieldFilled += n;
          offset += n;
          if (this.sizeFieldFilled < 4) break;
          this.sizeFieldFilled = 0;
          size = this.sizeField.readInt32BE(0);
        }
        this.frame = this.allocate(this.checkSize(size));
        this.frameFilled = 0;
      }
      const bytes = this.frame.bytes;
      const n = Math.min(bytes.length - this.frameFilled, chunk.length - offset);
      chunk.copy(bytes, this.frameFilled, offset, offset + n);
      this.frameFilled += n;
      offset += n;
      if (this.frameFilled === bytes.length) {
        frames.push(this.frame);
        this.frame = undefined;
        this.frameFilled = 0;
      }
    }
    return frames;
  }

  private allocate(size: number): Frame {
    if (!this.pool || size < this.pooledFrameMinBytes) return { bytes: Buffer.allocUnsafe(size) };
    const lease = this.pool.lease(size);
    return { bytes: lease.buffer.subarray(0, size), lease };
  }

  private checkSize(size: number): number {
    if (size < 0 || size > this.maxFrameBytes) throw new InvalidFrameSizeError(size, this.maxFrameBytes);
    return size;
  }
}
