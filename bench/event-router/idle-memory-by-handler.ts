/**
 * Why the router answers SSE on the raw Node response: JS heap and RSS per idle SSE connection
 * for three ways of holding a stream open, each in a fresh server process with N connections
 * from a separate client process over loopback (GC forced before both readings).
 *
 *   npx tsx bench/event-router/idle-memory-by-handler.ts            (N = 5000)
 *
 * - node:   http.createServer, write headers and a retry line, keep the response
 * - nest-raw: a Nest (Express) controller with @Res(), writing to the response the same way
 * - nest-sse: a Nest @Sse() handler returning an Observable that never completes
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const MODES = ['node', 'nest-raw', 'nest-sse'] as const;
type Mode = (typeof MODES)[number];
const N = Number(process.env.BENCH_CONNECTIONS ?? 5000);

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(mode: Mode): Promise<http.Server> {
  const held: http.ServerResponse[] = [];
  const open = (res: http.ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('retry: 2000\n\n');
    held.push(res);
  };
  if (mode === 'node') return http.createServer((_req, res) => open(res));

  require('reflect-metadata');
  const { Controller, Get, Module, Res, Sse, Param } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { NEVER, map } = await import('rxjs');

  // Decorators applied by hand: tsx emits no decorator metadata, and these handlers need none.
  class StreamController {
    raw(_id: string, res: http.ServerResponse): void {
      open(res);
    }
    sse() {
      return NEVER.pipe(map((data: unknown) => ({ data })));
    }
  }
  const proto = StreamController.prototype;
  Get('raw/:id')(proto, 'raw', Object.getOwnPropertyDescriptor(proto, 'raw') as PropertyDescriptor);
  Param('id')(proto, 'raw', 0);
  Res()(proto, 'raw', 1);
  Sse('sse/:id')(proto, 'sse', Object.getOwnPropertyDescriptor(proto, 'sse') as PropertyDescriptor);
  Controller()(StreamController);
  class AppModule {}
  Module({ controllers: [StreamController] })(AppModule);

  const app = await NestFactory.create(AppModule, { logger: false });
  await app.init();
  return app.getHttpServer() as http.Server;
}

async function measure(mode: Mode): Promise<void> {
  const server = await serve(mode);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const route = mode === 'nest-raw' ? 'raw' : mode === 'nest-sse' ? 'sse' : 'events';

  // Warm the code paths so the baseline includes compiled code, not per-connection state.
  await openConnections(port, route, 50);
  gc();
  await sleep(300);
  gc();
  const before = process.memoryUsage();
  await openConnections(port, route, N);
  await sleep(1000);
  gc();
  await sleep(300);
  gc();
  const after = process.memoryUsage();
  const kib = (bytes: number) => (bytes / N / 1024).toFixed(1);
  console.log(`${mode.padEnd(9)} heapUsed ${kib(after.heapUsed - before.heapUsed)} KiB/conn, RSS ${kib(after.rss - before.rss)} KiB/conn (N=${N})`);
  process.exit(0);
}

function openConnections(port: number, route: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = fork(path.join(__dirname, 'hold-connections.ts'), [String(port), route, String(count)], { execArgv: ['--import', 'tsx'] });
    client.once('message', () => resolve());
    client.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`client exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode | undefined;
  if (mode) return measure(mode);
  for (const each of MODES) {
    await new Promise<void>((resolve, reject) => {
      const child = fork(__filename, [each], { execArgv: ['--import', 'tsx', '--expose-gc'] });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${each} exited with ${code}`))));
    });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
