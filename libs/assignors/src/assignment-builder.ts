import { compareStrings } from './member-order';
import type { AssignorMember, GroupAssignment, TopicPartitions } from './types';

/** Collects (member, topic, partition) triples and renders them in the canonical sorted form. */
export class AssignmentBuilder {
  private readonly byMember = new Map<string, Map<string, number[]>>();

  constructor(members: readonly AssignorMember[]) {
    for (const member of members) this.byMember.set(member.memberId, new Map());
  }

  add(memberId: string, topic: string, partition: number): void {
    const topics = this.byMember.get(memberId);
    if (!topics) throw new Error(`unknown member ${memberId}`);
    const partitions = topics.get(topic);
    if (partitions) partitions.push(partition);
    else topics.set(topic, [partition]);
  }

  build(): GroupAssignment {
    const result: GroupAssignment = new Map();
    for (const [memberId, topics] of this.byMember) {
      const list: TopicPartitions[] = [...topics.keys()]
        .sort(compareStrings)
        .map((topic) => ({ topic, partitions: topics.get(topic)!.sort((a, b) => a - b) }));
      result.set(memberId, list);
    }
    return result;
  }
}

/** Topics some member subscribes to and that exist with at least one partition, in name order. */
export function subscribedTopics(members: readonly AssignorMember[], counts: ReadonlyMap<string, number>): string[] {
  const topics = new Set<string>();
  for (const member of members) {
    for (const topic of member.topics) if ((counts.get(topic) ?? 0) > 0) topics.add(topic);
  }
  return [...topics].sort(compareStrings);
}
