import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = '.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Keeps two brokers off one data directory: the second one's recovery would truncate what the
 * first is writing. The lock is a file holding the owner's pid; a lock whose process is gone (a
 * crash, kill -9) is taken over.
 */
export class DataDirLock {
  private held = false;

  constructor(private readonly dataDir: string) {}

  private get path(): string {
    return join(this.dataDir, LOCK_FILE);
  }

  async acquire(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(this.path, `${process.pid}\n`, { flag: 'wx' });
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = Number((await readFile(this.path, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new Error(`data directory ${this.dataDir} is in use by process ${owner} (${this.path}); refusing to open it twice`);
      }
      await unlink(this.path).catch(() => undefined);
    }
    throw new Error(`could not lock data directory ${this.dataDir}`);
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await unlink(this.path).catch(() => undefined);
  }
}
