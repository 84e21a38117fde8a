import type { TopicPartitions } from '@app/assignors';

/** Partitions by topic name: a member's assignment, its partitions pending revocation, or its target. */
export type Assignment = Map<string, Set<number>>;

export function fromTopicPartitions(list: readonly TopicPartitions[] | null | undefined): Assignment {
  const out: Assignment = new Map();
  for (const { topic, partitions } of list ?? []) {
    if (partitions.length === 0) continue;
    let set = out.get(topic);
    if (!set) out.set(topic, (set = new Set()));
    for (const p of partitions) set.add(p);
  }
  return out;
}

/** Topics in name order, partitions ascending: the shape the assignors and the wire use. */
export function toTopicPartitions(assignment: Assignment): TopicPartitions[] {
  return [...assignment.keys()]
    .sort()
    .map((topic) => ({ topic, partitions: [...assignment.get(topic)!].sort((a, b) => a - b) }))
    .filter((tp) => tp.partitions.length > 0);
}

export function partitionCount(assignment: Assignment): number {
  let n = 0;
  for (const set of assignment.values()) n += set.size;
  return n;
}

export function hasPartition(assignment: Assignment, topic: string, partition: number): boolean {
  return assignment.get(topic)?.has(partition) ?? false;
}

export function addPartition(assignment: Assignment, topic: string, partition: number): void {
  let set = assignment.get(topic);
  if (!set) assignment.set(topic, (set = new Set()));
  set.add(partition);
}

export function sameAssignment(a: Assignment, b: Assignment): boolean {
  if (partitionCount(a) !== partitionCount(b)) return false;
  for (const [topic, set] of a) for (const p of set) if (!hasPartition(b, topic, p)) return false;
  return true;
}

/** Every partition of `inner` is in `outer`. */
export function isSubset(inner: Assignment, outer: Assignment): boolean {
  for (const [topic, set] of inner) for (const p of set) if (!hasPartition(outer, topic, p)) return false;
  return true;
}

/** Some partition of `a` is in `b`. */
export function intersects(a: Assignment, b: Assignment): boolean {
  for (const [topic, set] of a) {
    const other = b.get(topic);
    if (other) for (const p of set) if (other.has(p)) return true;
  }
  return false;
}

export function forEachPartition(assignment: Assignment, fn: (topic: string, partition: number) => void): void {
  for (const [topic, set] of assignment) for (const p of set) fn(topic, p);
}
