import { ProtocolEncodeError } from '../errors';

/** Buffers at least this large are referenced, not copied, when written as bytes/records. */
const ZERO_COPY_THRESHOLD = 4096;
const MIN_CHUNK = 4096;
const MAX_CHUNK = 1 << 20;
/**
 * Strings up to this many characters are written by a loop when they are ASCII (ids, topic names, client ids): for
 * short strings the calls into C++ that Buffer.byteLength and buf.write make cost more than the copy. Below 127, so
 * a compact string's length is one byte.
 */
const SHORT_STRING = 64;
const TWO_TO_32 = 2 ** 32;

/**
 * Growable big-endian writer. Output is a list of chunks so large record blobs (Fetch responses)
 * go to the socket without being copied into a contiguous response buffer.
 */
export class Writer {
  private readonly chunks: Buffer[] = [];
  private buf: Buffer;
  private start = 0;
  private pos = 0;
  private committed = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.committed + this.pos - this.start;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.commit();
    const size = Math.max(n, Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, this.buf.length * 2)));
    this.buf = Buffer.allocUnsafe(size);
    this.start = 0;
    this.pos = 0;
  }

  private commit(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.buf.subarray(this.start, this.pos));
      this.committed += this.pos - this.start;
      this.start = this.pos;
    }
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  uint16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: bigint): this {
    // Offsets and timestamps are far below 2^53: as a number, two int32 writes. writeBigInt64BE's BigInt arithmetic
    // allocates a BigInt per step, on every offset of every response.
    const n = Number(v);
    if (Number.isSafeInteger(n)) return this.int53(n);
    this.ensure(8);
    this.buf.writeBigInt64BE(v, this.pos);
    this.pos += 8;
    return this;
  }

  /** An int64 from a number that is a safe integer (a timestamp in ms, say), with no BigInt in between. */
  int53(v: number): this {
    if (!Number.isSafeInteger(v)) throw new ProtocolEncodeError(`int53 out of range: ${v}`);
    this.ensure(8);
    const high = Math.floor(v / TWO_TO_32);
    this.buf.writeInt32BE(high, this.pos);
    this.buf.writeUInt32BE(v - high * TWO_TO_32, this.pos + 4);
    this.pos += 8;
    return this;
  }

  float64(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  uuid(v: Buffer): this {
    if (v.length !== 16) throw new ProtocolEncodeError(`uuid must be 16 bytes, got ${v.length}`);
    return this.raw(v);
  }

  uvarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new ProtocolEncodeError(`unsigned varint out of range: ${v}`);
    }
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
    return this;
  }

  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  varlong(v: bigint): this {
    let u = (v << 1n) ^ (v >> 63n);
    u = BigInt.asUintN(64, u);
    this.ensure(10);
    while (u >= 0x80n) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.pos++] = Number(u);
    return this;
  }

  /** Appends bytes; large buffers are referenced rather than copied. */
  raw(b: Uint8Array): this {
    if (b.length >= ZERO_COPY_THRESHOLD) {
      this.commit();
      const chunk = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.length);
      this.chunks.push(chunk);
      this.committed += b.length;
      return this;
    }
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  private utf8(v: string, len: number): this {
    this.ensure(len);
    this.pos += this.buf.write(v, this.pos, len, 'utf8');
    return this;
  }

  /**
   * Writes `v` at `at` when it is ASCII, so its UTF-8 length is its length; false when it is not (the bytes written
   * there are then garbage the caller overwrites). The caller ensured room for `v.length` bytes at `at`.
   */
  private ascii(v: string, at: number): boolean {
    const buf = this.buf;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c > 0x7f) return false;
      buf[at + i] = c;
    }
    return true;
  }

  string(v: string): this {
    if (v.length <= SHORT_STRING) {
      this.ensure(2 + v.length);
      if (this.ascii(v, this.pos + 2)) {
        this.buf.writeInt16BE(v.length, this.pos);
        this.pos += 2 + v.length;
        return this;
      }
    }
    const len = Buffer.byteLength(v, 'utf8');
    if (len > 0x7fff) throw new ProtocolEncodeError(`string of ${len} bytes exceeds int16 length`);
    return this.int16(len).utf8(v, len);
  }

  nullableString(v: string | null): this {
    return v === null ? this.int16(-1) : this.string(v);
  }

  compactString(v: string): this {
    if (v.length <= SHORT_STRING) {
      this.ensure(1 + v.length);
      if (this.ascii(v, this.pos + 1)) {
        this.buf[this.pos] = v.length + 1;
        this.pos += 1 + v.length;
        return this;
      }
    }
    const len = Buffer.byteLength(v, 'utf8');
    return this.uvarint(len + 1).utf8(v, len);
  }

  compactNullableString(v: string | null): this {
    return v === null ? this.uvarint(0) : this.compactString(v);
  }

  bytes(v: Uint8Array): this {
    return this.int32(v.length).raw(v);
  }

  nullableBytes(v: Uint8Array | null): this {
    return v === null ? this.int32(-1) : this.bytes(v);
  }

  compactBytes(v: Uint8Array): this {
    return this.uvarint(v.length + 1).raw(v);
  }

  compactNullableBytes(v: Uint8Array | null): this {
    return v === null ? this.uvarint(0) : this.compactBytes(v);
  }

  arrayLength(n: number): this {
    return this.int32(n);
  }

  compactArrayLength(n: number): this {
    return this.uvarint(n + 1);
  }

  /** The output as chunks, in order; valid until the writer is written to again. */
  chunksView(): Buffer[] {
    this.commit();
    return this.chunks;
  }

  /** The output as one contiguous buffer (copies when there is more than one chunk). */
  toBuffer(): Buffer {
    const chunks = this.chunksView();
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.committed);
  }
}
