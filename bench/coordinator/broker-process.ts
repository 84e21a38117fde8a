import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BrokerProcess {
  port: number;
  child: ChildProcess;
  /** CPU seconds (user + system) the broker process has used so far. */
  cpuSeconds(): Promise<number>;
  memory(): Promise<{ heapUsed: number; rss: number; groups: number; members: number }>;
  stop(): Promise<void>;
}

/**
 * broker-child.ts compiled to plain JavaScript, as the app's build compiles the broker. Run through tsx instead, the
 * broker pays for esbuild's keepNames: every closure it creates per request (promise callbacks, handlers' arrows) is
 * also passed through a __name() helper, a few % of its CPU that the built app (tsc through webpack) never spends.
 * BENCH_BROKER_RUNNER=tsx runs the source through tsx as before, to compare.
 */
async function brokerChildArgs(dir: string): Promise<string[]> {
  const source = join(__dirname, 'broker-child.ts');
  if (process.env.BENCH_BROKER_RUNNER === 'tsx') return ['--import', 'tsx', source];
  const outfile = join(dir, 'broker-child.js');
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: join(__dirname, '../../tsconfig.base.json'),
    logLevel: 'warning',
  });
  return [outfile];
}

/** Starts broker-child.ts with a fresh data dir and the initial rebalance delay at 0 (a benchmark of Kafka's 3 s wait says nothing). */
export async function startBrokerProcess(env: NodeJS.ProcessEnv = {}): Promise<BrokerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-coordinator-'));
  // BENCH_BROKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the broker side.
  const nodeArgs = (process.env.BENCH_BROKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--expose-gc', '--max-old-space-size=4096', ...(await brokerChildArgs(dataDir))], {
    // The compiled child lives in the data dir; its npm imports resolve from the workspace.
    env: { ...process.env, NODE_PATH: join(__dirname, '../../node_modules'), BROKER_DATA_DIR: dataDir, BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiters: ((line: string) => void)[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`broker child exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('port ')) resolve(Number(line.slice(5)));
      else if (line.startsWith('memory ')) waiters.shift()?.(line);
      // Anything else is the broker's own output (--trace-gc in BENCH_BROKER_NODE_ARGS, say), not a reply.
      else process.stderr.write(`${line}\n`);
    });
  });
  return {
    port,
    child,
    async cpuSeconds() {
      // /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks of 1/100 s.
      const fields = (await readFile(`/proc/${child.pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    memory() {
      return new Promise((resolve) => {
        waiters.push((line) => resolve(JSON.parse(line.slice('memory '.length))));
        child.stdin!.write('memory\n');
      });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(nodeArgs.length ? 'SIGINT' : 'SIGKILL');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU use of the broker and of this (load client) process over a measured window, as % of one core. */
export async function cpuDuring<T>(broker: BrokerProcess, work: () => Promise<T>): Promise<{ result: T; broker: number; client: number }> {
  const b0 = await broker.cpuSeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const b = (await broker.cpuSeconds()) - b0;
  return { result, broker: (b / seconds) * 100, client: ((c.user + c.system) / 1e6 / seconds) * 100 };
}
