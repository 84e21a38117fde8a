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

/**
 * Splits a byte stream into Kafka frames (int32 size + payload). Frames that lie inside one socket
 * chunk are returned as views, so the common case copies nothing. The size is checked before any
 * payload is buffered, so an oversize frame is refused without reading it.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private nextSize = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes received but not yet returned as a frame. */
  get buffered(): number {
    return this.pendingBytes;
  }

  push(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    if (this.pendingBytes === 0) {
      let offset = 0;
      while (chunk.length - offset >= 4) {
        const size = this.checkSize(chunk.readInt32BE(offset));
        if (chunk.length - offset - 4 < size) break;
        frames.push(chunk.subarray(offset + 4, offset + 4 + size));
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
      const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
      const frame = all.subarray(4, 4 + this.nextSize);
      const rest = all.subarray(4 + this.nextSize);
      frames.push(frame);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
      this.nextSize = -1;
    }
    return frames;
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
