const LEGAL = /^[a-zA-Z0-9._-]+$/;
const MAX_LENGTH = 249;

/** Kafka's topic name rules; returns why a name is invalid, or undefined when it is fine. */
export function topicNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'topic name must not be empty';
  if (name === '.' || name === '..') return `topic name cannot be "${name}"`;
  if (name.length > MAX_LENGTH) return `topic name is ${name.length} characters, the limit is ${MAX_LENGTH}`;
  if (!LEGAL.test(name)) return `topic name "${name}" may only contain ASCII letters, digits, '.', '_' and '-'`;
  return undefined;
}

/**
 * Internal topics: `__consumer_offsets` and every other name starting with `__`, the prefix Kafka reserves for its
 * own topics (`__consumer_offsets`, `__transaction_state`, `__cluster_metadata`). Apache lists only its own two
 * in Metadata's is_internal; here the whole prefix is internal, so no client writes into a name a broker-side
 * feature may claim. Reported is_internal in Metadata and refused by Produce.
 */
export function isInternalTopic(name: string): boolean {
  return name.startsWith('__');
}

/** Directory of one partition, Kafka's layout: `<topic>-<partition>`. */
export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Splits a partition directory name (the partition is after the last '-'); undefined if it is not one. */
export function parsePartitionDirName(name: string): { topic: string; partition: number } | undefined {
  const m = /^(.+)-(\d{1,9})$/.exec(name);
  if (!m || topicNameProblem(m[1]) !== undefined) return undefined;
  return { topic: m[1], partition: Number(m[2]) };
}
