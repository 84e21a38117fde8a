import { randomBytes } from 'node:crypto';
import { applyMigrations, dropDatabase, ensureDatabase } from '@app/db';
import { shardForJob } from '@app/domain';
import type { RedisClient } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';
import { chatDoneEvent } from '@app/testing';
import type { ChatRow } from '../../apps/chat-consumer/src/persistence/chat-row';

/** A fresh, migrated database for one benchmark run (dropped by the returned function). */
export async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = `postgresql://postgres@127.0.0.1:5432/bench_chat_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(url);
  await applyMigrations(url);
  return { url, drop: () => dropDatabase(url) };
}

export function benchPrefix(): string {
  return `bench-chat-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Event `i` of a run: realistic sizes (sentences, an intent, metadata), 5,000 conversations. */
export function doneEvent(i: number, prefix: string) {
  return chatDoneEvent(`${prefix}-job-${i}`, {
    chatId: `${prefix}-chat-${i % 5_000}`,
    question: `Question number ${i}: what is the capital of France?`,
    answer: `Answer number ${i}: the capital of France is Paris.`,
    intent: 'geography',
    metadata: { model: 'bench-model', tokens: 42, sources: ['wiki'] },
  });
}

/**
 * Appends events `from`..`from+count-1` to their shards in chunks (`addEach`: one pipeline per shard, the shards in
 * parallel; on a Redis Cluster the shards are in different slots, and a pipeline must stay on one node).
 */
export async function addDoneEvents(redis: RedisClient, streams: string[], prefix: string, from: number, count: number): Promise<void> {
  const CHUNK = 2_000;
  const client = new RedisStreamsClient(redis);
  for (let start = from; start < from + count; start += CHUNK) {
    const entries = [];
    for (let i = start; i < Math.min(from + count, start + CHUNK); i++) {
      const event = doneEvent(i, prefix);
      entries.push({ stream: streams[shardForJob(event.job_id, streams.length)], event });
    }
    throwFirstError(await client.addEach(entries));
  }
}

/** Throws the first per-event error of `addEach` results. */
export function throwFirstError(results: Array<string | Error>): void {
  for (const result of results) if (result instanceof Error) throw result;
}

export function rowFor(i: number, prefix: string): ChatRow {
  const event = doneEvent(i, prefix);
  const p = event.result.persistence;
  return {
    entryId: `${1_700_000_000_000 + i}-0`,
    eventKey: `${prefix}:{${i % 4}}/${1_700_000_000_000 + i}-0`,
    chatId: p.chat_id,
    title: p.user_message.content,
    jobId: event.job_id,
    at: new Date(1_700_000_000_000 + i),
    user: { role: 'user', content: p.user_message.content, intent: p.user_message.intent ?? null },
    assistant: { role: 'assistant', content: p.assistant_message.content, metadata: JSON.stringify(p.assistant_message.metadata) },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
