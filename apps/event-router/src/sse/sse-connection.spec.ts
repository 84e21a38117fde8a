import { eventFrame } from './sse-frame';
import { CloseReason, SseConnection, SseSink } from './sse-connection';

/** A sink that keeps what was written and lets a test pretend the socket is not draining. */
class RecordingSink implements SseSink {
  chunks: string[] = [];
  stuckBytes = 0;
  headersSent = true;
  ended = false;
  destroyed = false;
  write(chunk: string | Buffer): boolean {
    this.chunks.push(chunk.toString());
    return true;
  }
  get writableLength(): number {
    return this.stuckBytes;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  ids(): string[] {
    return this.chunks.filter((c) => c.startsWith('id: ')).map((c) => c.slice(4, c.indexOf('\n')));
  }
}

const job = { kind: 'job' as const, jobId: 'j' };
const frame = (id: string, event = 'token') => eventFrame(job, id, event, '{}');

function connection(maxBufferedBytes = 10_000, expiresAt = Number.POSITIVE_INFINITY) {
  const sink = new RecordingSink();
  const delivered: string[] = [];
  const closes: CloseReason[] = [];
  const conn = new SseConnection(job, 'k', '127.0.0.1', sink, maxBufferedBytes, {
    delivered: (_c, f) => delivered.push(f.id),
    closed: (_c, reason) => closes.push(reason),
  }, expiresAt);
  return { sink, conn, delivered, closes };
}

describe('SseConnection', () => {
  it('queues live frames during replay and delivers the overlap once, in order', () => {
    const { sink, conn, delivered } = connection();
    conn.offer(frame('1-2'));
    conn.offer(frame('1-3'));
    expect(sink.ids()).toEqual([]);
    for (const id of ['1-0', '1-1', '1-2']) conn.replay(frame(id));
    conn.goLive();
    conn.offer(frame('1-3'));
    conn.offer(frame('1-4'));
    expect(sink.ids()).toEqual(['1-0', '1-1', '1-2', '1-3', '1-4']);
    expect(delivered).toEqual(['1-0', '1-1', '1-2', '1-3', '1-4']);
  });

  it('starts after the client cursor and compares ids as numbers', () => {
    const { sink, conn } = connection();
    conn.startAfter(9, 5);
    conn.goLive();
    for (const id of ['9-4', '9-5', '9-10', '10-0', '8-99']) conn.offer(frame(id));
    expect(sink.ids()).toEqual(['9-10', '10-0']);
  });

  it('closes cleanly after a job done event, in replay or live', () => {
    const replaying = connection();
    expect(replaying.conn.replay(frame('1-0', 'done'))).toBe(false);
    expect(replaying.closes).toEqual(['done']);
    expect(replaying.sink.ended).toBe(true);
    expect(replaying.conn.replay(frame('1-1'))).toBe(false);

    const live = connection();
    live.conn.goLive();
    live.conn.offer(frame('2-0', 'done'));
    live.conn.offer(frame('2-1'));
    expect(live.sink.ids()).toEqual(['2-0']);
    expect(live.closes).toEqual(['done']);
  });

  it('cuts off a client whose socket backlog passes the limit, discarding the backlog', () => {
    const { sink, conn, closes } = connection(100);
    conn.goLive();
    conn.offer(frame('1-0'));
    sink.stuckBytes = 101;
    conn.offer(frame('1-1'));
    expect(closes).toEqual(['slow']);
    expect(sink.destroyed).toBe(true);
    conn.offer(frame('1-2'));
    expect(sink.ids()).toEqual(['1-0', '1-1']);
  });

  it('cuts off a client whose live queue grows past the limit during a long replay', () => {
    const { conn, closes } = connection(200);
    for (let i = 0; i < 10; i++) conn.offer(frame(`5-${i}`));
    expect(closes).toEqual(['slow']);
  });

  it('sends a heartbeat only after the idle time, and never during replay', () => {
    const { sink, conn } = connection();
    conn.tick(conn.lastWriteAt + 5000, 1000);
    expect(sink.chunks).toEqual([]);
    conn.goLive();
    conn.tick(conn.lastWriteAt + 999, 1000);
    expect(sink.chunks).toEqual([]);
    conn.tick(conn.lastWriteAt + 1000, 1000);
    expect(sink.chunks).toEqual([': heartbeat\n\n']);
  });

  it('closes the stream when its token expires', () => {
    const { sink, conn, closes } = connection(10_000, 5_000);
    conn.goLive();
    conn.tick(4_999, 60_000);
    expect(closes).toEqual([]);
    conn.tick(5_000, 60_000);
    expect(closes).toEqual(['expired']);
    expect(sink.ended).toBe(true);
  });

  it('drops rather than ends a stream closed before its headers went out, so the browser retries', () => {
    const { sink, conn } = connection();
    sink.headersSent = false;
    conn.close('shutdown');
    expect(sink.destroyed).toBe(true);
    expect(sink.ended).toBe(false);
  });

  it('reports a client that went away once, without writing to it', () => {
    const { sink, conn, closes } = connection();
    conn.close('client');
    conn.close('shutdown');
    expect(closes).toEqual(['client']);
    expect(sink.ended).toBe(false);
  });
});
