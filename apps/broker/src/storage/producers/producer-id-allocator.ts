import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';

const FILE = 'producer-ids.json';
/** Ids are reserved on disk in blocks, so allocating one rarely costs an fsync. */
const BLOCK = 1000;

/**
 * Hands out producer ids for InitProducerId. The end of the reserved block is persisted before an
 * id from it is handed out, so after a restart (clean or not) allocation resumes past every id
 * ever given; at most a block's worth of ids is skipped.
 */
export class ProducerIdAllocator {
  private next = 0;
  private reservedEnd = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private loaded = false;

  constructor(private readonly dataDir: string) {}

  private get path(): string {
    return join(this.dataDir, FILE);
  }

  /** A new producer id with epoch 0 (non-transactional producers get a fresh id every time). */
  allocate(): Promise<{ producerId: bigint; producerEpoch: number }> {
    const result = this.chain.then(async () => {
      if (!this.loaded) await this.load();
      if (this.next >= this.reservedEnd) {
        const end = this.next + BLOCK;
        await writeFileAtomic(this.path, JSON.stringify({ nextBlockStart: end }) + '\n');
        this.reservedEnd = end;
      }
      return { producerId: BigInt(this.next++), producerEpoch: 0 };
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async load(): Promise<void> {
    let text: string | undefined;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text !== undefined) {
      const start = (JSON.parse(text) as { nextBlockStart?: unknown }).nextBlockStart;
      if (!Number.isSafeInteger(start) || (start as number) < 0) throw new Error(`${this.path} holds no valid nextBlockStart`);
      this.next = start as number;
      this.reservedEnd = start as number;
    }
    this.loaded = true;
  }
}
