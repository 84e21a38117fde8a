import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '@app/testing';
import { tempDir } from '../src/storage/log/testing/log-fixtures';
import { kcatConsume } from './compat-tools';
import { BROKER_START_TIMEOUT_MS, BrokerChild, killAllBrokerChildren, startBrokerChild } from './log-broker-child';

/**
 * Topic configs set through CreateTopics drive the log: small segments roll, retention.bytes
 * deletes old ones, and clients see the new log start through ListOffsets and Fetch.
 */
describe('log retention through the Kafka protocol', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let broker: BrokerChild;

  beforeAll(async () => {
    dir = await tempDir('log-retention-');
    broker = await startBrokerChild({ BROKER_DATA_DIR: dir.path, BROKER_LOG_RETENTION_CHECK_INTERVAL_MS: '100' });
  }, BROKER_START_TIMEOUT_MS);
  afterAll(async () => {
    await killAllBrokerChildren();
    await dir.cleanup();
  });

  it('deletes old segments by retention.bytes; earliest offset and consumers move with the log start', async () => {
    const kafka = new Kafka({ clientId: 'log-retention', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      await admin.createTopics({
        topics: [
          {
            topic: 'short',
            numPartitions: 1,
            configEntries: [
              { name: 'segment.bytes', value: '2048' },
              { name: 'retention.bytes', value: '4096' },
            ],
          },
        ],
      });
      const described = await admin.describeConfigs({ resources: [{ type: 2, name: 'short' }], includeSynonyms: false });
      const entries = described.resources[0].configEntries;
      expect(entries.find((e) => e.configName === 'retention.bytes')?.configValue).toBe('4096');

      for (let i = 0; i < 60; i++) {
        await producer.send({ topic: 'short', acks: -1, messages: [{ value: `r-${i}-`.padEnd(200, '.') }] });
      }
      // Retention runs every 100 ms, possibly while the sends were still going on: wait for the pass that sees them all,
      // that is for a log start within the limit that stays put across two more passes (a pass during the last sends
      // may already satisfy the limit, and the next one then moves the start again).
      const recordBytes = 200;
      let previousLow = -1;
      const [offsets] = await waitFor(
        async () => {
          const o = await admin.fetchTopicOffsets('short');
          const low = Number(o[0].low);
          const settled = low === previousLow && (60 - low) * recordBytes < 4096 + 2048;
          previousLow = low;
          return settled ? o : undefined;
        },
        { timeoutMs: 15_000, intervalMs: 250, what: 'retention to move the log start and leave it there' },
      );
      expect(offsets.high).toBe('60');
      const low = Number(offsets.low);

      const stored = await kcatConsume(broker.bootstrap, 'short', 0);
      expect(stored[0].offset).toBe(low);
      expect(stored.map((m) => m.offset)).toEqual(Array.from({ length: 60 - low }, (_, i) => low + i));
      expect(stored[stored.length - 1].payload?.startsWith('r-59-')).toBe(true);
      const bytesKept = stored.reduce((sum, m) => sum + (m.payload?.length ?? 0), 0);
      expect(bytesKept).toBeLessThan(4096 + 2048);
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  }, 60_000);
});
