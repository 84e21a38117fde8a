import fc from 'fast-check';
import { BufferPool } from '../buffers/buffer-pool';
import { FrameDecoder, InvalidFrameSizeError } from './frame-decoder';

const frame = (payload: Buffer) => {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
};

describe('FrameDecoder', () => {
  it('returns whole frames however the stream is split, keeping nothing of the chunks it was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => frame(Buffer.from(p))));
          const decoder = new FrameDecoder(1024);
          const readBuffer = Buffer.alloc(64);
          const out: Buffer[] = [];
          let at = 0;
          let i = 0;
          while (at < stream.length) {
            const n = Math.min(cuts[i++ % cuts.length], stream.length - at);
            stream.copy(readBuffer, 0, at, at + n);
            out.push(...decoder.push(readBuffer.subarray(0, n)).map((f) => f.bytes));
            readBuffer.fill(0xee);
            at += n;
          }
          expect(out).toEqual(payloads.map((p) => Buffer.from(p)));
          expect(decoder.buffered).toBe(0);
        },
      ),
    );
  });

  it('copies large frames into pooled buffers, and only those', () => {
    const pool = new BufferPool(1 << 24);
    const big = Buffer.alloc(100_000, 7);
    const decoder = new FrameDecoder(1 << 20, pool);
    const stream = Buffer.concat([frame(Buffer.from('small')), frame(big), frame(Buffer.from('tail'))]);
    const frames = [...decoder.push(stream.subarray(0, 3)), ...decoder.push(stream.subarray(3, 50_000)), ...decoder.push(stream.subarray(50_000))];
    expect(frames.map((f) => f.bytes.length)).toEqual([5, 100_000, 4]);
    expect(frames[1].bytes.equals(big)).toBe(true);
    expect(frames[1].lease?.buffer.buffer).toBe(frames[1].bytes.buffer);
    expect(frames[0].lease).toBeUndefined();
    frames[1].lease!.release();
    expect(pool.idleBytes).toBe(128 * 1024);
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
    expect(decoder.push(f.subarray(6)).map((x) => String(x.bytes))).toEqual(['hello']);
  });
});
