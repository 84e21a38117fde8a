/**
 * Child process of the coordinator crash test: a broker on an ephemeral port over BROKER_DATA_DIR, with topic
 * "crash" (8 partitions). Prints "port <n>" once it listens, then serves until it is killed.
 */
import { startGroupTestBroker } from './group-test-broker';

async function main(): Promise<void> {
  const broker = await startGroupTestBroker({ dataDir: process.env.BROKER_DATA_DIR!, redisUrl: 'redis://127.0.0.1:1' });
  if (!broker.topics.describeTopic('crash')) await broker.topics.createTopic({ name: 'crash', numPartitions: 8, replicationFactor: -1 });
  process.stdout.write(`port ${broker.port}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
