/**
 * The Redis keys of one consumer, all in one Redis Cluster slot so the window script runs on
 * Cluster unchanged.
 *
 * The running count is `consumer:<id>:events`, exactly the seed's name, so users read it with
 * `redis-cli get consumer:orders-sync:events` as they always have. A key without braces hashes
 * its whole name; the other keys carry that whole name as their hash tag
 * (`{consumer:orders-sync:events}:window`), so they hash to the count key's slot. Consumer ids
 * cannot contain braces (the configuration schema refuses them), so the tag is always the name.
 */
export interface ConsumerKeys {
  events: string;
  window: string;
  offsets: string;
  outbox: string;
  lease: string;
  lastTrigger: string;
}

export function consumerKeys(consumerId: string): ConsumerKeys {
  const events = `consumer:${consumerId}:events`;
  const tagged = `{${events}}`;
  return {
    events,
    window: `${tagged}:window`,
    offsets: `${tagged}:offsets`,
    outbox: `${tagged}:outbox`,
    lease: `${tagged}:lease`,
    lastTrigger: `${tagged}:last-trigger`,
  };
}
