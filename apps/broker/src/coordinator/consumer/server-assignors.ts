import { rangeAssign, stickyAssign, type AssignFunction, type AssignorMember, type PartitionCounts } from '@app/assignors';
import { type Assignment, fromTopicPartitions, toTopicPartitions } from '../group/assignment';

/**
 * The server-side assignors of KIP-848, by the names clients send in ServerAssignor (Kafka's
 * `group.consumer.assignors`). `uniform` spreads every subscribed partition evenly and keeps each where it was
 * when balance allows (the sticky assignor of @app/assignors, given the previous target as what each member owns);
 * `range` gives each member a contiguous block per topic, as the client-side range assignor does.
 */
export const SERVER_ASSIGNORS: ReadonlyMap<string, AssignFunction> = new Map<string, AssignFunction>([
  ['uniform', stickyAssign],
  ['range', rangeAssign],
]);

export interface TargetMember {
  memberId: string;
  instanceId: string | null;
  /** Subscribed topics that exist (regex matches included). */
  topics: readonly string[];
  /** The member's partitions in the previous target, for stickiness. */
  previous: Assignment | undefined;
}

/** The group's next target assignment: member id → partitions. Pure. */
export function computeTargetAssignment(
  assign: AssignFunction,
  members: readonly TargetMember[],
  partitionCounts: PartitionCounts,
  previousEpoch: number,
): Map<string, Assignment> {
  const input: AssignorMember[] = members.map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.instanceId,
    topics: m.topics,
    ownedPartitions: m.previous ? toTopicPartitions(m.previous) : [],
    generation: previousEpoch,
  }));
  const result = assign(input, partitionCounts);
  const target = new Map<string, Assignment>();
  for (const m of members) target.set(m.memberId, fromTopicPartitions(result.get(m.memberId)));
  return target;
}
