import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A `kubectl` for the verification scripts' `--namespace` mode that answers as a cluster would,
 * but for this machine, and records every call: `get` reports 2/2 ready replicas, `port-forward`
 * forwards to `localPort` (the service under test), `exec ... -- <command>` runs the command
 * here with `execEnv` set (e.g. redis-cli against the test's Redis).
 */
export class FakeKubectl {
  private constructor(private readonly dir: string) {}

  static create(options: { localPort: number; remotePort: number; execEnv?: Record<string, string> }): FakeKubectl {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-kubectl-'));
    const env = Object.entries(options.execEnv ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    writeFileSync(
      path.join(dir, 'kubectl'),
      `#!/usr/bin/env bash
echo "$*" >> ${path.join(dir, 'calls.log')}
shift 2
case "$1" in
  get) echo "2/2" ;;
  port-forward) echo "Forwarding from 127.0.0.1:${options.localPort} -> ${options.remotePort}"; exec sleep 30 ;;
  exec) while [ "$1" != -- ]; do shift; done; shift; ${env} "$@" ;;
esac
`,
    );
    chmodSync(path.join(dir, 'kubectl'), 0o755);
    return new FakeKubectl(dir);
  }

  /** PATH with this kubectl first. */
  get path(): string {
    return `${this.dir}:${process.env.PATH}`;
  }

  /** Every call so far, one line each, arguments as given. */
  calls(): string {
    return readFileSync(path.join(this.dir, 'calls.log'), 'utf8');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
