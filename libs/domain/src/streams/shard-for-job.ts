import { CHAT_EVENT_SHARD_COUNT } from './stream-names';

/**
 * The shard of a job's events: FNV-1a (32-bit) of the job id's UTF-8 bytes, modulo the shard
 * count. Stable across processes and languages, so every event of a job lands on one shard
 * and per-job order is the order of one stream.
 */
export function shardForJob(jobId: string, shardCount: number = CHAT_EVENT_SHARD_COUNT): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(jobId, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}
