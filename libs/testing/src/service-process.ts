import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

export interface LogLine {
  level: string;
  service: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * A built app (`dist/apps/<app>/main.js`) running as its own process, as in production: tests
 * read its JSON log lines, send it signals (SIGTERM, SIGKILL) and see how it exits. The one way
 * tests get a built app: `nx int-test <project>` and `npm test` build before they run, so a test
 * never builds anything itself.
 */
export class ServiceProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  /**
   * `app`: a built app by name; or `{ nodeArgs }`: what node runs from the workspace root, for a program that is
   * not built (the demo traffic, `['--import', 'tsx', 'tools/demo/src/main.ts']`, as `npm start` runs it).
   */
  constructor(app: string | { nodeArgs: string[] }, env: Record<string, string>) {
    let args: string[];
    if (typeof app === 'string') {
      const main = path.join(WORKSPACE_ROOT, 'dist/apps', app, 'main.js');
      if (!existsSync(main)) throw new Error(`${main} does not exist: build it first (npx nx build ${app}; nx int-test and npm test do)`);
      args = [main];
    } else {
      args = app.nodeArgs;
    }
    this.child = spawn(process.execPath, args, {
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
      for (const waiter of this.waiters) waiter();
    });
    createInterface({ input: stderr }).on('line', (line) => this.stderr.push(line));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with the first log line matching `predicate`, or rejects after `timeoutMs`. */
  waitForLine(predicate: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find(predicate);
        if (found) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching log line within ${timeoutMs} ms; ${this.tail()}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** The HTTP port the service logged at start (`"<service> started"` with `port`). */
  async httpPort(): Promise<number> {
    const line = await this.waitForLine((l) => typeof l.port === 'number' && l.msg === `${l.service} started`);
    return line.port as number;
  }

  /** The last log lines and stderr, for a failure message. */
  tail(): string {
    return `last lines: ${JSON.stringify(this.lines.slice(-5))} stderr: ${this.stderr.slice(-5).join('\n')}`;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Sends `signal` (unless the process has already exited) and resolves with how it exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

}
