import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LogLine } from '@app/testing';

const WORKSPACE_ROOT = path.resolve(__dirname, '..');

/**
 * The demo traffic program (tools/demo) as `npm start` runs it: `node --import tsx`, from the
 * workspace root so tsx resolves the `@app/*` aliases. Tests read its JSON log lines and stop it
 * with a signal to see how it exits.
 */
export class DemoProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'tools/demo/src/main.ts'], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { stdout, stderr } = this.child as ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream };
    createInterface({ input: stdout }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as LogLine);
      } catch {
        this.lines.push({ level: 'raw', service: '', msg: line });
      }
    });
    createInterface({ input: stderr }).on('line', (line) => this.stderr.push(line));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Sends `signal` unless the demo has already exited, and resolves with how it exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** The last lines and stderr, for a failure message. */
  tail(): string {
    return `demo log: ${JSON.stringify(this.lines.slice(-5))} stderr: ${this.stderr.slice(-5).join('\n')}`;
  }
}
