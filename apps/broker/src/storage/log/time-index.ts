/** Bytes per time index entry: int64 timestamp (ms), int32 offset relative to the segment base. */
export const TIME_INDEX_ENTRY_SIZE = 12;

/**
 * Sparse map from "largest timestamp so far" to the base offset of the batch that first reached it,
 * within one segment. Timestamps strictly increase, offsets never decrease, so every record before
 * an entry's offset has a timestamp below the entry's timestamp.
 */
export class TimeIndex {
  private timestamps: Float64Array;
  private relOffsets: Int32Array;
  private count = 0;

  constructor(capacity = 64) {
    this.timestamps = new Float64Array(capacity);
    this.relOffsets = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get lastTimestamp(): number {
    return this.count === 0 ? -1 : this.timestamps[this.count - 1];
  }

  get lastRelOffset(): number {
    return this.count === 0 ? 0 : this.relOffsets[this.count - 1];
  }

  /** Adds an entry when the timestamp is a new maximum; returns whether it did. */
  maybeAppend(timestamp: number, relOffset: number): boolean {
    if (timestamp <= this.lastTimestamp || relOffset < this.lastRelOffset) return false;
    if (this.count === this.timestamps.length) {
      const ts = new Float64Array(this.count * 2);
      ts.set(this.timestamps);
      this.timestamps = ts;
      const rel = new Int32Array(this.count * 2);
      rel.set(this.relOffsets);
      this.relOffsets = rel;
    }
    this.timestamps[this.count] = timestamp;
    this.relOffsets[this.count] = relOffset;
    this.count++;
    return true;
  }

  /** Relative offset where a search for the first record with timestamp >= target may start. */
  lookup(target: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid] <= target) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : this.relOffsets[found];
  }

  static encodeEntry(timestamp: number, relOffset: number, out: Buffer, at: number): void {
    out.writeBigInt64BE(BigInt(timestamp), at);
    out.writeInt32BE(relOffset, at + 8);
  }

  encode(): Buffer {
    const out = Buffer.allocUnsafe(this.count * TIME_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.count; i++) {
      TimeIndex.encodeEntry(this.timestamps[i], this.relOffsets[i], out, i * TIME_INDEX_ENTRY_SIZE);
    }
    return out;
  }

  /**
   * Parses a time index file; undefined when torn or inconsistent (partial entry, timestamps not
   * increasing, offsets beyond the segment's `offsetSpan`), so the caller rebuilds it.
   */
  static decode(buf: Buffer, offsetSpan: number): TimeIndex | undefined {
    if (buf.length % TIME_INDEX_ENTRY_SIZE !== 0) return undefined;
    const n = buf.length / TIME_INDEX_ENTRY_SIZE;
    const index = new TimeIndex(Math.max(64, n));
    for (let i = 0; i < n; i++) {
      const ts = Number(buf.readBigInt64BE(i * TIME_INDEX_ENTRY_SIZE));
      const rel = buf.readInt32BE(i * TIME_INDEX_ENTRY_SIZE + 8);
      if (rel < 0 || rel >= offsetSpan || !index.maybeAppend(ts, rel)) return undefined;
    }
    return index;
  }
}
