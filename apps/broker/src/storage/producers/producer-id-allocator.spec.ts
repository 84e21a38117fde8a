import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../log/testing/log-fixtures';
import { ProducerIdAllocator } from './producer-id-allocator';

describe('ProducerIdAllocator', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir('pid-');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('hands out distinct ids with epoch 0, also when asked concurrently', async () => {
    const a = new ProducerIdAllocator(dir.path);
    const ids = await Promise.all(Array.from({ length: 20 }, () => a.allocate()));
    expect(new Set(ids.map((x) => x.producerId)).size).toBe(20);
    expect(ids.every((x) => x.producerEpoch === 0)).toBe(true);
  });

  it('never reuses an id after a restart, even without a clean shutdown', async () => {
    const first = new ProducerIdAllocator(dir.path);
    const before = await Promise.all(Array.from({ length: 5 }, () => first.allocate()));
    const second = new ProducerIdAllocator(dir.path);
    const after = await second.allocate();
    expect(after.producerId > before.reduce((m, x) => (x.producerId > m ? x.producerId : m), -1n)).toBe(true);
  });

  it('refuses a damaged id file instead of starting again from 0', async () => {
    await writeFile(join(dir.path, 'producer-ids.json'), '{"nextBlockStart": "x"}');
    await expect(new ProducerIdAllocator(dir.path).allocate()).rejects.toThrow(/nextBlockStart/);
  });
});
