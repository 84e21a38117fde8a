import { ResponseQueue } from './response-queue';

describe('ResponseQueue', () => {
  it('emits in reservation order whatever the completion order', () => {
    const out: string[] = [];
    const q = new ResponseQueue((chunks) => out.push(chunks.map(String).join('')));
    const [a, b, c] = [q.reserve(), q.reserve(), q.reserve()];
    c([Buffer.from('c')]);
    b([Buffer.from('b1'), Buffer.from('b2')]);
    expect(out).toEqual([]);
    expect(q.inFlight).toBe(3);
    a([Buffer.from('a')]);
    expect(out).toEqual(['a', 'b1b2', 'c']);
    expect(q.inFlight).toBe(0);
  });

  it('lets a slot without a response (acks=0) release the ones behind it', () => {
    const out: string[] = [];
    const q = new ResponseQueue((chunks) => out.push(chunks.map(String).join('')));
    const [a, b] = [q.reserve(), q.reserve()];
    b([Buffer.from('b')]);
    a(null);
    expect(out).toEqual(['b']);
  });

  it('ignores a second completion of the same slot', () => {
    const out: string[] = [];
    const q = new ResponseQueue((chunks) => out.push(chunks.map(String).join('')));
    const a = q.reserve();
    a([Buffer.from('once')]);
    a([Buffer.from('twice')]);
    expect(out).toEqual(['once']);
  });

  it('stays ordered over many slots (compaction of its internal list)', () => {
    const out: number[] = [];
    const q = new ResponseQueue((chunks) => out.push(chunks[0].readInt32BE(0)));
    const slots = Array.from({ length: 5000 }, () => q.reserve());
    const order = slots.map((_, i) => i).sort((x, y) => ((x * 7919) % 5000) - ((y * 7919) % 5000));
    for (const i of order) {
      const b = Buffer.alloc(4);
      b.writeInt32BE(i);
      slots[i]([b]);
    }
    expect(out).toEqual(slots.map((_, i) => i));
  });
});
