/** Redis stream and queue names shared by producers and consumers (ARCHITECTURE.md, "Contracts"). */
export const CHAT_EVENT_SHARD_COUNT = 4;

/**
 * `chat:events:0` … `chat:events:3`: the names our users' chat-worker writes
 * (`f"chat:events:{shard}"` in Python) and their runbook inspects (`XINFO GROUPS chat:events:0`).
 * Each shard is a single key, so every command on it is cluster-safe without a hash tag.
 */
export function chatEventStream(shard: number): string {
  return `chat:events:${shard}`;
}

export function chatEventStreams(shardCount: number = CHAT_EVENT_SHARD_COUNT): string[] {
  return Array.from({ length: shardCount }, (_, shard) => chatEventStream(shard));
}

export const STREAMS = {
  chatDeadLetter: 'chat:events:dlq',
  groupEvents: 'broker:group-events',
  governanceAlerts: 'governance:alerts',
  pipelineTriggers: 'pipeline:triggers',
} as const;

export const CONSUMER_GROUPS = {
  chatPersistence: 'chat-persistence',
  eventRouter: 'eventrouter',
} as const;

export const PIPELINES_QUEUE = 'pipelines';
