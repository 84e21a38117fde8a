import { ProtocolDecodeError } from '../errors';

/**
 * Cursor over a big-endian Kafka buffer. Every read checks bounds and throws ProtocolDecodeError,
 * so decoders never read past a truncated frame or allocate from an attacker-chosen length.
 */
export class Reader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) {
      throw new ProtocolDecodeError(`truncated: ${what} needs ${n} bytes at ${at}, ${this.end - at} left`);
    }
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1, 'int8'));
  }

  int16(): number {
    return this.buf.readInt16BE(this.need(2, 'int16'));
  }

  uint16(): number {
    return this.buf.readUInt16BE(this.need(2, 'uint16'));
  }

  int32(): number {
    return this.buf.readInt32BE(this.need(4, 'int32'));
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.need(4, 'uint32'));
  }

  int64(): bigint {
    return this.buf.readBigInt64BE(this.need(8, 'int64'));
  }

  float64(): number {
    return this.buf.readDoubleBE(this.need(8, 'float64'));
  }

  bool(): boolean {
    return this.buf[this.need(1, 'bool')] !== 0;
  }

  uuid(): Buffer {
    const at = this.need(16, 'uuid');
    return Buffer.from(this.buf.subarray(at, at + 16));
  }

  /** Unsigned LEB128, at most 5 bytes (fits an unsigned 32-bit value). */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw new ProtocolDecodeError(`truncated: unsigned varint at ${this.pos}`);
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
    throw new ProtocolDecodeError(`unsigned varint longer than 5 bytes at ${this.pos}`);
  }

  /** Zig-zag signed 32-bit varint, as used inside records. */
  varint(): number {
    const u = this.uvarint();
    if (u > 0xffffffff) throw new ProtocolDecodeError(`varint out of 32-bit range at ${this.pos}`);
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zig-zag signed 64-bit varint, as used inside records. */
  varlong(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtocolDecodeError(`truncated: varlong at ${this.pos}`);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return (result >> 1n) ^ -(result & 1n);
      shift += 7n;
    }
    throw new ProtocolDecodeError(`varlong longer than 10 bytes at ${this.pos}`);
  }

  private utf8(len: number): string {
    const at = this.need(len, 'string');
    return this.buf.toString('utf8', at, at + len);
  }

  /** The next `len` bytes as a view into the underlying buffer. */
  raw(len: number, what = 'bytes'): Buffer {
    const at = this.need(len, what);
    return this.buf.subarray(at, at + len);
  }

  string(): string {
    const len = this.int16();
    if (len < 0) throw new ProtocolDecodeError(`non-nullable string has length ${len}`);
    return this.utf8(len);
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    if (len < 0) throw new ProtocolDecodeError(`string has length ${len}`);
    return this.utf8(len);
  }

  compactString(): string {
    const len = this.uvarint() - 1;
    if (len < 0) throw new ProtocolDecodeError('non-nullable compact string is null');
    return this.utf8(len);
  }

  compactNullableString(): string | null {
    const len = this.uvarint() - 1;
    return len < 0 ? null : this.utf8(len);
  }

  /** Bytes are returned as a view into the frame; copy them if they must outlive it. */
  bytes(): Buffer {
    const len = this.int32();
    if (len < 0) throw new ProtocolDecodeError(`non-nullable bytes have length ${len}`);
    return this.raw(len);
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < 0) throw new ProtocolDecodeError(`bytes have length ${len}`);
    return this.raw(len);
  }

  compactBytes(): Buffer {
    const len = this.uvarint() - 1;
    if (len < 0) throw new ProtocolDecodeError('non-nullable compact bytes are null');
    return this.raw(len);
  }

  compactNullableBytes(): Buffer | null {
    const len = this.uvarint() - 1;
    return len < 0 ? null : this.raw(len);
  }

  /**
   * Array element count; -1 when null. Rejects counts that cannot fit in the remaining bytes
   * (every element takes at least one byte), so a forged count cannot make us allocate.
   */
  arrayLength(): number {
    const n = this.int32();
    return this.checkCount(n);
  }

  compactArrayLength(): number {
    const n = this.uvarint() - 1;
    return this.checkCount(n);
  }

  private checkCount(n: number): number {
    if (n < -1) throw new ProtocolDecodeError(`array has length ${n}`);
    if (n > this.remaining) {
      throw new ProtocolDecodeError(`array of ${n} elements cannot fit in ${this.remaining} bytes`);
    }
    return n;
  }

  /** A sub-reader over the next `len` bytes (used for tagged field values). */
  sub(len: number): Reader {
    const at = this.need(len, 'tagged field');
    return new Reader(this.buf, at, at + len);
  }

  skip(len: number): void {
    this.need(len, 'skipped field');
  }
}
