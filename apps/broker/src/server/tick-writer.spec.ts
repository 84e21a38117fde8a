import { createServer, connect, type Server, type Socket } from 'node:net';
import { waitFor } from '@app/testing';
import { TickWriter } from './tick-writer';

/** A connected pair of real sockets: what `client` writes, `received` collects. */
async function socketPair(): Promise<{ client: Socket; received: () => Buffer; server: Server; writes: () => number; ended: Promise<void> }> {
  const chunks: Buffer[] = [];
  let endResolve!: () => void;
  const ended = new Promise<void>((resolve) => (endResolve = resolve));
  const server = createServer((s) => {
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => endResolve());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const client = await new Promise<Socket>((resolve) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
  });
  // Count the writes that reach the stream implementation: one per flush is the point of the class.
  let writes = 0;
  const original = client._write.bind(client);
  const originalv = client._writev?.bind(client);
  client._write = (chunk, encoding, cb) => {
    writes++;
    original(chunk, encoding, cb);
  };
  if (originalv) {
    client._writev = (chunks, cb) => {
      writes++;
      originalv(chunks, cb);
    };
  }
  return { client, received: () => Buffer.concat(chunks), server, writes: () => writes, ended };
}

describe('TickWriter', () => {
  let pair: Awaited<ReturnType<typeof socketPair>>;
  beforeEach(async () => (pair = await socketPair()));
  afterEach(async () => {
    pair.client.destroy();
    await new Promise((resolve) => pair.server.close(resolve));
  });

  it('sends the small writes of one tick as one write, in order, and runs every callback once they are sent', async () => {
    const out = new TickWriter(pair.client);
    const written: number[] = [];
    for (let i = 0; i < 100; i++) out.write(Buffer.from(`${i},`), i % 10 === 0 ? () => written.push(i) : undefined);
    expect(pair.writes()).toBe(0);
    const expected = Array.from({ length: 100 }, (_, i) => `${i},`).join('');
    await waitFor(() => pair.received().length === expected.length, { what: 'all 100 writes received' });
    expect(pair.received().toString()).toBe(expected);
    expect(pair.writes()).toBe(1);
    await waitFor(() => written.length === 10, { what: 'the 10 callbacks' });
    expect(written).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('keeps the order of a tick whose writes are too large to copy, and of the ticks after it', async () => {
    const out = new TickWriter(pair.client);
    const big = Buffer.alloc(200 * 1024, 7);
    out.write(Buffer.from('a'));
    out.write(big);
    out.write(Buffer.from('b'));
    await new Promise((resolve) => setImmediate(resolve));
    out.write(Buffer.from('c'));
    await waitFor(() => pair.received().length === big.length + 3, { what: 'every byte received' });
    const got = pair.received();
    expect(got.subarray(0, 1).toString()).toBe('a');
    expect(got.subarray(1, 1 + big.length).equals(big)).toBe(true);
    expect(got.subarray(1 + big.length).toString()).toBe('bc');
  });

  it('sends what is queued before the socket is ended by flushing first', async () => {
    const out = new TickWriter(pair.client);
    out.write(Buffer.from('last words'));
    out.flush();
    pair.client.end();
    await pair.ended;
    expect(pair.received().toString()).toBe('last words');
  });

  it('still runs the callbacks of writes queued when the socket is destroyed', async () => {
    const out = new TickWriter(pair.client);
    const called: string[] = [];
    out.write(Buffer.from('x'), () => called.push('x'));
    pair.client.destroy();
    await waitFor(() => called.length === 1, { what: 'the callback of the queued write' });
    expect(called).toEqual(['x']);
  });
});
