import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '..', '..');
const MAIN_JS = join(WORKSPACE, 'dist', 'apps', 'chat-consumer', 'main.js');

/** Builds the service unless BENCH_SKIP_BUILD=1 and a build exists (a benchmark must measure the current code). */
export function ensureBuilt(): void {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(MAIN_JS)) return;
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
 * `node dist/apps/chat-consumer/main.js` with the given env on top of this process's env (so
 * FLUSH_CONCURRENCY=4 npx tsx ... reaches it). NODE_OPTIONS=--cpu-prof profiles it.
 */
export function startConsumer(env: Record<string, string>): RunningConsumer {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), MAIN_JS], {
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
