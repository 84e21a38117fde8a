import fc from 'fast-check';
import { FrameDecoder, InvalidFrameSizeError } from './frame-decoder';

const frame = (payload: Buffer) => {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
};

describe('FrameDecoder', () => {
  it('returns whole frames however the stream is split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => frame(Buffer.from(p))));
          const decoder = new FrameDecoder(1024);
          const out: Buffer[] = [];
          let at = 0;
          let i = 0;
          while (at < stream.length) {
            const n = cuts[i++ % cuts.length];
            out.push(...decoder.push(stream.subarray(at, at + n)));
            at += n;
          }
          expect(out.map((b) => Buffer.from(b))).toEqual(payloads.map((p) => Buffer.from(p)));
          expect(decoder.buffered).toBe(0);
        },
      ),
    );
  });

  it('refuses a frame over the limit from its size field alone', () => {
    const decoder = new FrameDecoder(100);
    expect(() => decoder.push(Buffer.from([0, 0, 0, 101]))).toThrow(InvalidFrameSizeError);
  });

  it('refuses a negative size, also when the size arrives split', () => {
    const decoder = new FrameDecoder(100);
    decoder.push(Buffer.from([0xff, 0xff]));
    expect(() => decoder.push(Buffer.from([0xff, 0xfe]))).toThrow(/negative/);
  });

  it('keeps a partial frame until the rest arrives', () => {
    const decoder = new FrameDecoder(100);
    const f = frame(Buffer.from('hello'));
    expect(decoder.push(f.subarray(0, 6))).toEqual([]);
    expect(decoder.buffered).toBe(6);
    expect(decoder.push(f.subarray(6)).map(String)).toEqual(['hello']);
  });
});
