/**
 * Child process of crash-storage.int-spec.ts: appends batches to a partition log with
 * fsync-per-append as fast as it can (several appends in flight) and prints one line per
 * acknowledged append, until it is killed.
 */
import { buildRecordBatch } from '@app/kafka-protocol';
import { storageSettingsFromEnv } from '../src/storage/topics/storage-settings';
import { TopicRegistry } from '../src/storage/topics/topic-registry';

const RECORDS_PER_BATCH = 10;
const IN_FLIGHT = 4;

async function main(): Promise<void> {
  const registry = new TopicRegistry(storageSettingsFromEnv(process.env));
  await registry.start();
  await registry.getOrCreate('crash', true);
  const log = registry.partition('crash', 0);
  if (!log) throw new Error('topic "crash" was not created');
  let next = Number(log.highWatermark);
  const writer = async (): Promise<void> => {
    for (;;) {
      const first = next;
      next += RECORDS_PER_BATCH;
      const batch = buildRecordBatch({
        records: Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ key: null, value: Buffer.from(`v-${first + i}`.padEnd(200, '.')) })),
      });
      const { baseOffset } = await log.append(batch);
      process.stdout.write(`ack ${baseOffset} ${first} ${RECORDS_PER_BATCH}\n`);
    }
  };
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
