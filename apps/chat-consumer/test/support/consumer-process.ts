import { ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@app/testing';

const WORKSPACE = join(__dirname, '..', '..', '..', '..');
export const MAIN_JS = join(WORKSPACE, 'dist', 'apps', 'chat-consumer', 'main.js');

/** Builds dist/apps/chat-consumer/main.js exactly as `nx build chat-consumer` does. */
export async function buildChatConsumer(): Promise<void> {
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [WORKSPACE] });
  await promisify(execFile)(process.execPath, [cli, 'build', '--config', 'apps/chat-consumer/webpack.config.js'], { cwd: WORKSPACE, timeout: 120_000 });
}

/** The built service as a real child process, so it can be killed with SIGKILL like a crashed pod. */
export class ConsumerProcess {
  readonly output: string[] = [];
  port?: number;
  private exited?: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? null : code)));
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.onLine(line);
    });
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
  }

  static async start(env: Record<string, string>): Promise<ConsumerProcess> {
    const child = spawn(process.execPath, [MAIN_JS], { cwd: WORKSPACE, env: { ...process.env, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const consumer = new ConsumerProcess(child);
    await waitFor(() => consumer.port !== undefined || child.exitCode !== null, { what: 'chat-consumer started', timeoutMs: 20_000 });
    if (consumer.port === undefined) throw new Error(`chat-consumer exited at start:\n${consumer.output.join('\n')}`);
    return consumer;
  }

  private onLine(line: string): void {
    this.output.push(line);
    try {
      const record = JSON.parse(line) as { msg?: string; port?: number };
      if (record.msg === 'chat-consumer started') this.port = record.port;
    } catch {
      // not a JSON log line (e.g. a runtime warning); kept in the output for failure messages
    }
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or acknowledged. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async sigterm(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    return this.exited ?? null;
  }
}
