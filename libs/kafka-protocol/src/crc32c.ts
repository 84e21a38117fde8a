/**
 * CRC-32C (Castagnoli), the checksum of Kafka record batch v2, checked on every produced batch.
 * Uses @node-rs/crc32 (hardware CRC32C instructions, prebuilt binary) when it loads: measured 0.8-2.1 GB/s
 * against 0.23-0.72 GB/s for the table version on this machine. The portable slicing-by-8 version (eight
 * 256-entry tables, 8 bytes per iteration) is the fallback and the reference the native one is tested against.
 */
type NativeCrc32c = (input: Buffer, initialState?: number) => number;

function loadNative(): NativeCrc32c | undefined {
  try {
    // Loaded lazily and optionally: a platform without the prebuilt binary keeps the portable version.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@node-rs/crc32') as { crc32c: NativeCrc32c }).crc32c;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** Below this many bytes the call into native code costs more than the table loop. */
const NATIVE_MIN_BYTES = 64;

const POLY = 0x82f63b78;

const TABLES: Int32Array[] = (() => {
  const tables = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    tables[0][n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[0][n];
    for (let t = 1; t < 8; t++) {
      c = tables[0][c & 0xff] ^ (c >>> 8);
      tables[t][n] = c;
    }
  }
  return tables;
})();

const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

function checkRange(buf: Uint8Array, start: number, end: number): void {
  if (start < 0 || end > buf.length || start > end) {
    throw new RangeError(`crc32c range [${start}, ${end}) outside buffer of ${buf.length} bytes`);
  }
}

/** CRC-32C of buf[start, end) as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  checkRange(buf, start, end);
  if (native && end - start >= NATIVE_MIN_BYTES) {
    return native(Buffer.from(buf.buffer, buf.byteOffset + start, end - start)) >>> 0;
  }
  return crc32cPortable(buf, start, end);
}

/** Whether crc32c() uses the native implementation on this platform. */
export const crc32cIsNative = native !== undefined;

/** The table-driven CRC-32C, always available. */
export function crc32cPortable(buf: Uint8Array, start = 0, end = buf.length): number {
  checkRange(buf, start, end);
  let crc = ~0;
  let i = start;
  const stop8 = end - ((end - i) & 7);
  while (i < stop8) {
    const lo = crc ^ (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24));
    crc =
      T7[lo & 0xff] ^
      T6[(lo >>> 8) & 0xff] ^
      T5[(lo >>> 16) & 0xff] ^
      T4[lo >>> 24] ^
      T3[buf[i + 4]] ^
      T2[buf[i + 5]] ^
      T1[buf[i + 6]] ^
      T0[buf[i + 7]];
    i += 8;
  }
  while (i < end) crc = T0[(crc ^ buf[i++]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
