/**
 * The Redis keys of one consumer. Every key carries the consumer id as its Redis Cluster hash tag, so
 * the window script's keys share one slot and the script runs on Cluster unchanged.
 *
 * The running count is `consumer:{<id>}:events`: the seed's `consumer:<id>:events` with the id in
 * braces. Redis hashes only the part inside the first `{...}`, so users read it with
 * `redis-cli get 'consumer:{orders-sync}:events'` (braces included; quoted so no shell expands them),
 * on a single node and on Cluster alike (`redis-cli -c` follows the slot's MOVED reply).
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
  const base = `consumer:{${consumerId}}`;
  return {
    events: `${base}:events`,
    window: `${base}:window`,
    offsets: `${base}:offsets`,
    outbox: `${base}:outbox`,
    lease: `${base}:lease`,
    lastTrigger: `${base}:last-trigger`,
  };
}
