import fc from 'fast-check';
import { ProtocolDecodeError, ProtocolEncodeError } from '../errors';
import { Reader } from './reader';
import { Writer } from './writer';

describe('Reader and Writer primitives', () => {
  it('round-trip zig-zag varints and varlongs over their whole range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (i, l) => {
        const r = new Reader(new Writer(4).varint(i).varlong(l).toBuffer());
        expect([r.varint(), r.varlong(), r.remaining]).toEqual([i, l, 0]);
      }),
    );
  });

  it('encodes varints as Kafka does (zig-zag, 7 bits per byte)', () => {
    expect(new Writer().varint(0).varint(-1).varint(1).varint(-64).varint(64).toBuffer()).toEqual(Buffer.from([0, 1, 2, 0x7f, 0x80, 0x01]));
    expect(new Writer().uvarint(300).toBuffer()).toEqual(Buffer.from([0xac, 0x02]));
  });

  it('refuses over-long and truncated varints', () => {
    expect(() => new Reader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0x80])).uvarint()).toThrow(/truncated/);
    expect(() => new Reader(Buffer.alloc(10, 0xff)).varlong()).toThrow(ProtocolDecodeError);
  });

  it('refuses lengths that are negative or point past the end', () => {
    expect(() => new Reader(Buffer.from([0xff, 0xfe])).string()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff])).string()).toThrow(/non-nullable/);
    expect(new Reader(Buffer.from([0xff, 0xff])).nullableString()).toBeNull();
    expect(() => new Reader(Buffer.from([0, 0, 0, 9, 1])).bytes()).toThrow(/truncated/);
    expect(() => new Reader(Buffer.from([0, 0, 0x10, 0])).arrayLength()).toThrow(/cannot fit/);
    expect(new Reader(Buffer.from([0])).compactNullableBytes()).toBeNull();
  });

  it('references large byte blobs instead of copying them, and keeps output order', () => {
    const big = Buffer.alloc(10_000, 7);
    const w = new Writer(16).int32(1).bytes(big).int16(2);
    const chunks = w.chunksView();
    expect(chunks.some((c) => c === big)).toBe(true);
    const all = Buffer.concat(chunks);
    expect(w.length).toBe(all.length);
    const r = new Reader(all);
    expect([r.int32(), r.bytes().equals(big), r.int16()]).toEqual([1, true, 2]);
  });

  it('writes int64 exactly as writeBigInt64BE does, inside and outside the safe-integer range', () => {
    const edges = [0n, -1n, 1n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n) - 1n, 2n ** 53n - 1n, -(2n ** 53n - 1n), 2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)];
    const check = (v: bigint) => {
      const expected = Buffer.alloc(8);
      expected.writeBigInt64BE(v);
      expect(new Writer(8).int64(v).toBuffer()).toEqual(expected);
      expect(new Reader(expected).int64()).toBe(v);
    };
    edges.forEach(check);
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => check(v)));
    fc.assert(fc.property(fc.maxSafeInteger(), (v) => expect(new Reader(new Writer(8).int53(v).toBuffer()).int64()).toBe(BigInt(v))));
    expect(() => new Writer().int53(2 ** 53)).toThrow(ProtocolEncodeError);
    expect(() => new Writer().int53(1.5)).toThrow(ProtocolEncodeError);
  });

  it('writes strings as UTF-8 whether they take the short ASCII path or not', () => {
    const cases = ['', 'a', 'x'.repeat(64), 'x'.repeat(65), 'nul\u0000inside', '\u007f', '\u0080', 'é', 'x'.repeat(63) + 'é', '\u{1F600}', '\ud800'];
    const check = (v: string) => {
      const bytes = Buffer.from(v, 'utf8');
      const w = new Writer(4).string(v).compactString(v);
      const out = w.toBuffer();
      const r = new Reader(out);
      expect(r.int16()).toBe(bytes.length);
      expect(r.raw(bytes.length)).toEqual(bytes);
      expect(r.uvarint()).toBe(bytes.length + 1);
      expect(r.raw(bytes.length)).toEqual(bytes);
      expect(r.remaining).toBe(0);
    };
    cases.forEach(check);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (v) => check(v)));
  });

  it('refuses values it cannot encode', () => {
    expect(() => new Writer().string('x'.repeat(40_000))).toThrow(ProtocolEncodeError);
    expect(() => new Writer().uvarint(-1)).toThrow(ProtocolEncodeError);
    expect(() => new Writer().uuid(Buffer.alloc(3))).toThrow(ProtocolEncodeError);
  });
});
