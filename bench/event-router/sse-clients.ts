/**
 * The client side of the fan-out benchmark, run in its own process (forked by fanout.ts) so
 * the router's numbers are the router's alone. Holds N SSE connections over loopback, spread
 * over the jobs, and records for each event received the time since its entry id (the moment
 * Redis stored the XADD). Controlled over IPC: connect, reset, report, exit.
 */
import http from 'node:http';

type Command =
  | { type: 'connect'; baseUrl: string; connections: number; jobs: number; jobPrefix: string; batch: number }
  | { type: 'reset' }
  | { type: 'report' }
  | { type: 'exit' };

let latencies = new Int32Array(1 << 20);
let count = 0;
let firstAt = 0;
let lastAt = 0;
let closedEarly = 0;
const requests: http.ClientRequest[] = [];

function record(latencyMs: number, now: number): void {
  if (count === latencies.length) {
    const bigger = new Int32Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[count++] = latencyMs;
  if (firstAt === 0) firstAt = now;
  lastAt = now;
}

/** Reads only what the benchmark needs from the stream: the `id:` lines. A partial line is carried to the next chunk. */
function onChunk(state: { rest: string }, chunk: string): void {
  const text = state.rest + chunk;
  const now = Date.now();
  let start = 0;
  for (let newline = text.indexOf('\n', start); newline >= 0; newline = text.indexOf('\n', start)) {
    if (text.startsWith('id: ', start)) {
      const dash = text.indexOf('-', start + 4);
      record(now - Number(text.slice(start + 4, dash)), now);
    }
    start = newline + 1;
  }
  state.rest = text.slice(start);
}

function openOne(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(false);
        return;
      }
      const state = { rest: '' };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => onChunk(state, chunk));
      res.on('close', () => closedEarly++);
      resolve(true);
    });
    request.on('error', () => resolve(false));
    requests.push(request);
  });
}

async function connect(command: Extract<Command, { type: 'connect' }>): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  for (let start = 0; start < command.connections; start += command.batch) {
    const size = Math.min(command.batch, command.connections - start);
    const results = await Promise.all(
      Array.from({ length: size }, (_, k) => openOne(`${command.baseUrl}/events/jobs/${command.jobPrefix}${(start + k) % command.jobs}`)),
    );
    for (const result of results) {
      if (result) ok++;
      else failed++;
    }
  }
  return { ok, failed };
}

function percentile(sorted: Int32Array, p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

process.on('message', (message: Command) => {
  const reply = (payload: object) => process.send?.(payload);
  switch (message.type) {
    case 'connect':
      void connect(message).then((result) => reply({ type: 'connected', ...result }));
      return;
    case 'reset':
      count = 0;
      firstAt = 0;
      lastAt = 0;
      reply({ type: 'reset' });
      return;
    case 'report': {
      const sorted = latencies.slice(0, count).sort();
      reply({
        type: 'report',
        received: count,
        seconds: (lastAt - firstAt) / 1000,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: count > 0 ? sorted[count - 1] : Number.NaN,
        closedEarly,
      });
      return;
    }
    case 'exit':
      for (const request of requests) request.destroy();
      process.exit(0);
  }
});
