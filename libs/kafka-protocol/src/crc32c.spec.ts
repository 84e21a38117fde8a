import fc from 'fast-check';
import { crc32c, crc32cIsNative, crc32cPortable } from './crc32c';

/** Bit-at-a-time reference implementation, independent of the table code under test. */
function referenceCrc32c(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32c', () => {
  it('matches the published check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('matches RFC 3720 test vectors', () => {
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
  });

  it('agrees with a bitwise implementation on every length and alignment up to 40 bytes', () => {
    const data = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 131 + 7) & 0xff));
    for (let start = 0; start < 8; start++) {
      for (let len = 0; len <= 40; len++) {
        expect(crc32cPortable(data, start, start + len)).toBe(referenceCrc32c(data.subarray(start, start + len)));
      }
    }
  });

  it('uses the native implementation here, and it agrees with the portable one on any input and range', () => {
    expect(crc32cIsNative).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.nat(), fc.nat(), (a, x, y) => {
        const buf = Buffer.from(a);
        const start = a.length ? x % a.length : 0;
        const end = start + (a.length - start ? y % (a.length - start + 1) : 0);
        expect(crc32c(buf, start, end)).toBe(crc32cPortable(buf, start, end));
        expect(crc32cPortable(buf, start, end)).toBe(referenceCrc32c(buf.subarray(start, end)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a range outside the buffer', () => {
    expect(() => crc32c(Buffer.alloc(4), 0, 5)).toThrow(RangeError);
    expect(() => crc32c(Buffer.alloc(4), 3, 2)).toThrow(RangeError);
  });
});
