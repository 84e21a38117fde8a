import type { GroupState } from '@app/domain';
import type { Group } from '../group/group';
import { groupDetail } from './group-views';

/**
 * The JSON our users' runbook reads from the coordinator they ran before ("Group State Inspection": GET
 * /consumer-groups, /consumer-groups/{id}, /consumer-groups/{id}/assignments): snake_case fields named after its
 * ConsumerGroup and GroupMember, timeouts in milliseconds, assignments as member id -> [{topic, partition}]. Built
 * from the /v1/groups view, so both APIs always tell the same story.
 */

export interface TopicPartitionJson {
  topic: string;
  partition: number;
}

interface ConsumerGroupHeaderJson {
  group_id: string;
  state: GroupState;
  protocol_type: string;
  protocol_name: string | null;
  generation_id: number;
  leader: string | null;
}

export interface ConsumerGroupSummaryJson extends ConsumerGroupHeaderJson {
  member_count: number;
}

export interface ConsumerGroupJson extends ConsumerGroupHeaderJson {
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

export interface ConsumerGroupAssignmentsJson extends Pick<ConsumerGroupHeaderJson, 'group_id' | 'state' | 'generation_id' | 'protocol_name'> {
  assignments: Record<string, TopicPartitionJson[]>;
}

function header(group: Group): ConsumerGroupHeaderJson {
  return {
    group_id: group.groupId,
    state: group.state,
    protocol_type: group.protocolType ?? '',
    protocol_name: group.protocolName,
    generation_id: group.generationId,
    leader: group.leaderId,
  };
}

export function consumerGroupSummary(group: Group): ConsumerGroupSummaryJson {
  return { ...header(group), member_count: group.members.size };
}

export function consumerGroup(group: Group): ConsumerGroupJson {
  const { members } = groupDetail(group);
  return {
    ...header(group),
    members: members.map((m) => ({
      member_id: m.memberId,
      group_instance_id: m.groupInstanceId,
      client_id: m.clientId,
      client_host: m.clientHost,
      session_timeout: m.sessionTimeoutMs,
      rebalance_timeout: m.rebalanceTimeoutMs,
    })),
    assigned_partitions: assignedPartitions(members),
  };
}

export function consumerGroupAssignments(group: Group): ConsumerGroupAssignmentsJson {
  const { group_id, state, generation_id, protocol_name } = header(group);
  return { group_id, state, generation_id, protocol_name, assignments: assignedPartitions(groupDetail(group).members) };
}

/** Every member's last assignment as topic-partitions in topic, then partition order (none for other protocols). */
function assignedPartitions(members: ReturnType<typeof groupDetail>['members']): Record<string, TopicPartitionJson[]> {
  const out: Record<string, TopicPartitionJson[]> = {};
  for (const { memberId, assignment } of members) {
    out[memberId] = Object.keys(assignment)
      .sort()
      .flatMap((topic) => [...assignment[topic]].sort((a, b) => a - b).map((partition) => ({ topic, partition })));
  }
  return out;
}
