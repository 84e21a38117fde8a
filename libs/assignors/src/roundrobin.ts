import { AssignmentBuilder, subscribedTopics } from './assignment-builder';
import { sortMembers } from './member-order';
import type { AssignorMember, GroupAssignment, PartitionCounts } from './types';

/**
 * Kafka's `roundrobin` strategy: every partition of the sorted union of subscribed topics, in order, goes to the
 * next member in a circular walk over the sorted members, skipping members not subscribed to its topic.
 */
export function roundRobinAssign(members: readonly AssignorMember[], partitionCounts: PartitionCounts): GroupAssignment {
  const builder = new AssignmentBuilder(members);
  const ordered = sortMembers(members);
  const subscriptions = ordered.map((m) => new Set(m.topics));
  let cursor = 0;
  for (const topic of subscribedTopics(members, partitionCounts)) {
    const count = partitionCounts.get(topic)!;
    for (let p = 0; p < count; p++) {
      while (!subscriptions[cursor % ordered.length].has(topic)) cursor++;
      builder.add(ordered[cursor % ordered.length].memberId, topic, p);
      cursor++;
    }
  }
  return builder.build();
}
