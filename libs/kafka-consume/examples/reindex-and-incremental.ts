/**
 * Two batch jobs on one topic with separate offsets, the users' consumer-group guide as code: a full
 * re-index reads everything in chunks of 1000 under group `<base>-<topic>-full-index`, an incremental job
 * reads chunks of 100 under `<base>-<topic>-incremental`; each resumes where its last call stopped.
 *
 *   npx tsx libs/kafka-consume/examples/reindex-and-incremental.ts [topic]
 *
 * KAFKA_BROKERS (default localhost:9092) and BASE_GROUP_ID (default my-batch-consumer). With --seed it
 * first produces 2,500 sample records, so it shows something on an empty broker.
 */
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { ConsumeService, UndecodableMessageError } from '../src';

const spentDetail = z.object({ id: z.number().int(), amount: z.number() });

async function drain(label: string, next: () => Promise<z.infer<typeof spentDetail>[]>): Promise<number> {
  let total = 0;
  for (;;) {
    const chunk = await next();
    if (chunk.length === 0) break;
    total += chunk.length;
    console.log(`${label}: indexed ${chunk.length} (ids ${chunk[0].id}…${chunk[chunk.length - 1].id}), ${total} so far`);
  }
  return total;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const topic = args.find((a) => !a.startsWith('--')) ?? 'spent_detail_topic';
  const kafka = new Kafka({ clientId: 'reindex-example', brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','), logLevel: logLevel.WARN });
  if (args.includes('--seed')) {
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    const messages = Array.from({ length: 2500 }, (_, id) => ({ key: String(id), value: JSON.stringify({ id, amount: id * 1.5 }) }));
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  const service = new ConsumeService({ kafka, baseGroupId: process.env.BASE_GROUP_ID ?? 'my-batch-consumer' });
  try {
    const full = await drain('full-index', () => service.consumeMessagesAsWithGroup(topic, 1000, 'full-index', spentDetail));
    const incremental = await drain('incremental', () => service.consumeMessagesAsWithGroup(topic, 100, 'incremental', spentDetail));
    console.log(`done: full-index read ${full}, incremental read ${incremental}; run again and both read only what arrived since`);
  } catch (error) {
    if (error instanceof UndecodableMessageError) {
      console.error(`stopped at an undecodable record ${error.message_.topic}/${error.message_.partition}@${error.message_.offset}: ${error.message_.reason}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await service.close();
  }
}

void main();
