/** Bytes per offset index entry: int32 offset relative to the segment base, int32 file position. */
export const OFFSET_INDEX_ENTRY_SIZE = 8;

/**
 * Sparse map from batch base offset to file position within one segment, kept in memory and
 * mirrored to an append-only file with fixed-width big-endian entries. Both columns strictly increase.
 */
export class OffsetIndex {
  private relOffsets: Int32Array;
  private positions: Int32Array;
  private count = 0;

  constructor(capacity = 64) {
    this.relOffsets = new Int32Array(capacity);
    this.positions = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get lastPosition(): number {
    return this.count === 0 ? 0 : this.positions[this.count - 1];
  }

  get lastRelOffset(): number {
    return this.count === 0 ? 0 : this.relOffsets[this.count - 1];
  }

  append(relOffset: number, position: number): void {
    if (this.count > 0 && (relOffset <= this.lastRelOffset || position <= this.lastPosition)) {
      throw new RangeError(`offset index entry (${relOffset}, ${position}) does not follow the last entry`);
    }
    if (this.count === this.relOffsets.length) {
      this.relOffsets = grow(this.relOffsets);
      this.positions = grow(this.positions);
    }
    this.relOffsets[this.count] = relOffset;
    this.positions[this.count] = position;
    this.count++;
  }

  /** File position of the last indexed batch whose base offset is <= relOffset; 0 when none is. */
  lookup(relOffset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.relOffsets[mid] <= relOffset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : this.positions[found];
  }

  static encodeEntry(relOffset: number, position: number, out: Buffer, at: number): void {
    out.writeInt32BE(relOffset, at);
    out.writeInt32BE(position, at + 4);
  }

  encode(): Buffer {
    const out = Buffer.allocUnsafe(this.count * OFFSET_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.count; i++) {
      OffsetIndex.encodeEntry(this.relOffsets[i], this.positions[i], out, i * OFFSET_INDEX_ENTRY_SIZE);
    }
    return out;
  }

  /**
   * Parses an index file. Returns undefined when it is torn or does not fit the segment
   * (partial entry, entries out of order, positions past the segment's end), so the caller rebuilds it.
   */
  static decode(buf: Buffer, segmentSize: number): OffsetIndex | undefined {
    if (buf.length % OFFSET_INDEX_ENTRY_SIZE !== 0) return undefined;
    const n = buf.length / OFFSET_INDEX_ENTRY_SIZE;
    const index = new OffsetIndex(Math.max(64, n));
    for (let i = 0; i < n; i++) {
      const rel = buf.readInt32BE(i * OFFSET_INDEX_ENTRY_SIZE);
      const pos = buf.readInt32BE(i * OFFSET_INDEX_ENTRY_SIZE + 4);
      if (rel <= 0 || pos <= 0 || pos >= segmentSize) return undefined;
      if (index.count > 0 && (rel <= index.lastRelOffset || pos <= index.lastPosition)) return undefined;
      index.append(rel, pos);
    }
    return index;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
