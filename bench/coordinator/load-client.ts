import { connect, type Socket } from 'node:net';
import { decodeResponse, encodeRequest } from '@app/kafka-protocol';
import { TickWriter } from '../../apps/broker/src/server/tick-writer';

/**
 * A pipelining Kafka client for load generation: any number of requests in flight on one connection, answers
 * matched by correlation id. Connections are cheap, so a benchmark opens many.
 */
export class LoadClient {
  private buffered: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { apiKey: number; version: number; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly out: TickWriter;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    this.out = new TickWriter(socket);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
    });
  }

  static connect(port: number): Promise<LoadClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(new LoadClient(socket)));
      socket.once('error', reject);
    });
  }

  send<T>(apiKey: number, version: number, body: unknown): Promise<T> {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => this.pending.set(id, { apiKey, version, resolve: resolve as (v: unknown) => void, reject }));
    // Requests issued in one tick leave in one write, as a real client's batched sends do: one write syscall per
    // request made this client, not the broker, the limit of the heartbeat benchmark.
    this.out.write(encodeRequest(apiKey, version, id, 'bench', body));
    return promise;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    let pos = 0;
    while (this.buffered.length - pos >= 4) {
      const size = this.buffered.readInt32BE(pos);
      if (this.buffered.length - pos - 4 < size) break;
      const frame = this.buffered.subarray(pos + 4, pos + 4 + size);
      pos += 4 + size;
      const p = this.pending.get(frame.readInt32BE(0));
      if (!p) continue;
      this.pending.delete(frame.readInt32BE(0));
      p.resolve(decodeResponse(p.apiKey, p.version, frame).body);
    }
    this.buffered = this.buffered.subarray(pos);
  }
}

/** Runs `op` repeatedly with `window` calls in flight until `seconds` have passed; returns completed calls/s. */
export async function sustain(seconds: number, window: number, op: (i: number) => Promise<unknown>): Promise<{ rate: number; done: number }> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let issued = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (performance.now() < until) {
        await op(issued++);
        done++;
      }
    }),
  );
  return { rate: done / ((performance.now() - start) / 1000), done };
}
