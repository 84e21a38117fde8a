import { AssignmentBuilder, subscribedTopics } from './assignment-builder';
import { sortMembers } from './member-order';
import type { AssignorMember, GroupAssignment, PartitionCounts } from './types';

/**
 * Kafka's `range` strategy: per topic, the subscribed members in member order each take a contiguous block;
 * the first `partitions % members` members get one extra partition.
 */
export function rangeAssign(members: readonly AssignorMember[], partitionCounts: PartitionCounts): GroupAssignment {
  const builder = new AssignmentBuilder(members);
  const ordered = sortMembers(members);
  for (const topic of subscribedTopics(members, partitionCounts)) {
    const consumers = ordered.filter((m) => m.topics.includes(topic));
    const count = partitionCounts.get(topic)!;
    const base = Math.floor(count / consumers.length);
    const extra = count % consumers.length;
    consumers.forEach((member, i) => {
      const start = base * i + Math.min(i, extra);
      const length = base + (i < extra ? 1 : 0);
      for (let p = start; p < start + length; p++) builder.add(member.memberId, topic, p);
    });
  }
  return builder.build();
}
