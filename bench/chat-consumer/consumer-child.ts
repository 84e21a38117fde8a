import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '..', '..');
/** BENCH_MAIN_JS runs another build (say, of the previous commit) for a before/after comparison on the same machine minutes apart. */
const MAIN_JS = process.env.BENCH_MAIN_JS ?? join(WORKSPACE, 'dist', 'apps', 'chat-consumer', 'main.js');

/** Builds the service unless BENCH_SKIP_BUILD=1 and a build exists, or BENCH_MAIN_JS names one (a benchmark must measure the code it reports). */
export function ensureBuilt(): void {
  if ((process.env.BENCH_SKIP_BUILD === '1' || process.env.BENCH_MAIN_JS) && existsSync(MAIN_JS)) return;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [WORKSPACE] });
  execFileSync(process.execPath, [cli, 'build', '--config', 'apps/chat-consumer/webpack.config.js'], { cwd: WORKSPACE, stdio: 'ignore' });
}

export interface RunningConsumer {
  child: ChildProcess;
  spawnedAt: number;
  /** When the service logged "started" (HTTP up, stream readers launched). */
  ready: Promise<number>;
  stop(): Promise<void>;
}

/**
 * `node dist/apps/chat-consumer/main.js` (or BENCH_MAIN_JS) with the given env on top of this process's env (so
 * FLUSH_CONCURRENCY=4 npx tsx ... reaches it). BENCH_CPU_PROF=<dir> writes a --cpu-prof profile
 * there; BENCH_NODE_ARGS (space-separated, e.g. "--perf-basic-prof") go to that node as they are.
 */
export function startConsumer(env: Record<string, string>): RunningConsumer {
  const spawnedAt = performance.now();
  const nodeArgs = [
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...nodeArgs, MAIN_JS], {
    cwd: WORKSPACE,
    env: { ...process.env, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<number>((resolve, reject) => {
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('"msg":"chat-consumer started"')) resolve(performance.now());
        if (/"level":(40|50|60)/.test(line)) process.stderr.write(`consumer: ${line}\n`);
      }
    });
    child.once('exit', (code) => reject(new Error(`chat-consumer exited with ${code}`)));
  });
  return {
    child,
    spawnedAt,
    ready,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
