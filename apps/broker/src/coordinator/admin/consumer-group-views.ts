import type { GroupState } from '@app/domain';
import type { Group } from '../group/group';
import { assignmentOf } from './group-views';

/**
 * The JSON our users' runbook reads from the coordinator they ran before ("Group State Inspection": GET
 * /consumer-groups, /consumer-groups/{id}, /consumer-groups/{id}/assignments): snake_case fields named after its
 * ConsumerGroup and GroupMember, timeouts in milliseconds, assignments as member id -> [{topic, partition}].
 */

export interface ConsumerGroupSummaryJson {
  group_id: string;
  state: GroupState;
  protocol_type: string;
  protocol_name: string | null;
  generation_id: number;
  leader: string | null;
  member_count: number;
}

export interface TopicPartitionJson {
  topic: string;
  partition: number;
}

export interface ConsumerGroupJson {
  group_id: string;
  state: GroupState;
  protocol_type: string;
  protocol_name: string | null;
  generation_id: number;
  leader: string | null;
  members: {
    member_id: string;
    group_instance_id: string | null;
    client_id: string;
    client_host: string;
    session_timeout: number;
    rebalance_timeout: number;
  }[];
  assigned_partitions: Record<string, TopicPartitionJson[]>;
}

export interface ConsumerGroupAssignmentsJson {
  group_id: string;
  state: GroupState;
  generation_id: number;
  protocol_name: string | null;
  assignments: Record<string, TopicPartitionJson[]>;
}

export function consumerGroupSummary(group: Group): ConsumerGroupSummaryJson {
  return {
    group_id: group.groupId,
    state: group.state,
    protocol_type: group.protocolType ?? '',
    protocol_name: group.protocolName,
    generation_id: group.generationId,
    leader: group.leaderId,
    member_count: group.members.size,
  };
}

export function consumerGroup(group: Group): ConsumerGroupJson {
  return {
    group_id: group.groupId,
    state: group.state,
    protocol_type: group.protocolType ?? '',
    protocol_name: group.protocolName,
    generation_id: group.generationId,
    leader: group.leaderId,
    members: [...group.members.values()].map((m) => ({
      member_id: m.memberId,
      group_instance_id: m.groupInstanceId,
      client_id: m.clientId,
      client_host: m.clientHost,
      session_timeout: m.sessionTimeoutMs,
      rebalance_timeout: m.rebalanceTimeoutMs,
    })),
    assigned_partitions: assignedPartitions(group),
  };
}

export function consumerGroupAssignments(group: Group): ConsumerGroupAssignmentsJson {
  return {
    group_id: group.groupId,
    state: group.state,
    generation_id: group.generationId,
    protocol_name: group.protocolName,
    assignments: assignedPartitions(group),
  };
}

/** Every member's last assignment as topic-partitions in topic, then partition order (empty for other protocols). */
function assignedPartitions(group: Group): Record<string, TopicPartitionJson[]> {
  const out: Record<string, TopicPartitionJson[]> = {};
  for (const member of group.members.values()) {
    const assignment = assignmentOf(group, member);
    out[member.memberId] = Object.keys(assignment)
      .sort()
      .flatMap((topic) => [...assignment[topic]].sort((a, b) => a - b).map((partition) => ({ topic, partition })));
  }
  return out;
}
