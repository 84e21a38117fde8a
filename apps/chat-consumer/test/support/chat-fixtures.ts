import { shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { chatDoneEvent } from '@app/testing';
import type Redis from 'ioredis';
import { Client } from 'pg';

export interface ChatStreams {
  prefix: string;
  streams: string[];
  dlq: string;
}

/** Four shards and a DLQ under a prefix no other test uses, named like the real ones (`<prefix>:<n>`). */
export function chatStreams(prefix: string): ChatStreams {
  return { prefix, streams: [0, 1, 2, 3].map((shard) => `${prefix}:${shard}`), dlq: `${prefix}:dlq` };
}

/** A done event of `jobId` in conversation `chatId`. */
export function doneEvent(jobId: string, chatId: string, question = `question of ${jobId}`) {
  return chatDoneEvent(jobId, { chatId, question });
}

export function progressEvent(jobId: string, stage = 'retrieval') {
  return { stage, status: 'running', progress: 40, job_id: jobId };
}

/**
 * Appends each event to its job's shard, as a chat worker does (`addEach`: one pipeline per shard, the shards in
 * parallel). Returns the entry ids in the order of `events`; throws the first error.
 */
export async function addEvents(redis: Redis, { streams }: ChatStreams, events: { job_id: string }[]): Promise<string[]> {
  const results = await new RedisStreamsClient(redis).addEach(events.map((event) => ({ stream: streams[shardForJob(event.job_id, streams.length)], event })));
  return results.map((result) => {
    if (result instanceof Error) throw result;
    return result;
  });
}

export async function pendingTotal(redis: Redis, { streams }: ChatStreams, group = 'chat-persistence'): Promise<number> {
  let total = 0;
  for (const stream of streams) {
    const exists = await redis.exists(stream);
    if (!exists) continue;
    const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
    if (!groups.some((flat) => flat[1] === group)) continue;
    total += ((await redis.xpending(stream, group)) as [number])[0];
  }
  return total;
}

export async function deleteStreams(redis: Redis, { streams, dlq }: ChatStreams): Promise<void> {
  await redis.del(...streams, dlq);
}

/** Messages written for this test's streams, and how many (event_key, role) pairs repeat (must be none). */
export async function messageCounts(pg: Client, { prefix }: ChatStreams): Promise<{ messages: number; events: number; duplicates: number }> {
  const { rows } = await pg.query<{ messages: string; events: string; duplicates: string }>(
    `SELECT COUNT(*) AS messages, COUNT(DISTINCT event_key) AS events,
            COUNT(*) - COUNT(DISTINCT (event_key, role)) AS duplicates
       FROM chat.messages WHERE event_key LIKE $1`,
    [`${prefix}:%`],
  );
  return { messages: Number(rows[0].messages), events: Number(rows[0].events), duplicates: Number(rows[0].duplicates) };
}
