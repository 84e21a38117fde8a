/** A buffer on loan from a pool; `release` gives it back (later calls do nothing). */
export interface BufferLease {
  readonly buffer: Buffer;
  release(): void;
}

/** The release of bytes that came from no pool. */
export const NOTHING_TO_RELEASE = (): void => undefined;

const SMALLEST_CLASS = 64 * 1024;

/**
 * Reusable large buffers: Fetch reads and Produce request frames. At full speed the broker moves
 * megabytes per request; fresh buffers of that size count as V8 external memory and set off a
 * mark-compact every few tens of megabytes (measured: about a fifth of the event loop while kcat
 * consumed at full speed). Buffers come in power-of-two classes; the holder releases a lease once
 * nothing references the bytes any more (a Fetch response has been written to its socket, a Produce
 * request's batches are in the log). A lease that is never released costs nothing but a fresh
 * allocation later: the buffer is simply garbage collected.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>();
  private freeBytes = 0;

  /** `maxFreeBytes`: idle buffers kept for reuse; buffers beyond it are dropped on release. */
  constructor(private readonly maxFreeBytes: number) {}

  /** Bytes held by idle buffers. */
  get idleBytes(): number {
    return this.freeBytes;
  }

  lease(minSize: number): BufferLease {
    const size = sizeClass(minSize);
    const reused = this.free.get(size)?.pop();
    if (reused) this.freeBytes -= size;
    const buffer = reused ?? Buffer.allocUnsafeSlow(size);
    let released = false;
    return {
      buffer,
      release: () => {
        if (released) return;
        released = true;
        this.giveBack(buffer);
      },
    };
  }

  private giveBack(buffer: Buffer): void {
    if (this.freeBytes + buffer.length > this.maxFreeBytes) return;
    const idle = this.free.get(buffer.length);
    if (idle) idle.push(buffer);
    else this.free.set(buffer.length, [buffer]);
    this.freeBytes += buffer.length;
  }
}

function sizeClass(minSize: number): number {
  let size = SMALLEST_CLASS;
  while (size < minSize) size *= 2;
  return size;
}
