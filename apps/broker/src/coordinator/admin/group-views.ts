import { ErrorCode, decodeConsumerProtocolAssignment } from '@app/kafka-protocol';
import type { GroupDescription, GroupState, PartitionAssignment } from '@app/domain';
import { sortedOffsets } from '../group/committed-offsets';
import type { Group } from '../group/group';
import type { GroupListing, GroupSummary } from '../group/group-requests';
import { EMPTY_BYTES, type Member } from '../group/member';

/**
 * Read-only views of groups, as pure functions: DescribeGroups and ListGroups answers, the /v1/groups admin API and
 * the runbook's /consumer-groups paths all read a group through these, never through the state machine.
 */

/** DescribeGroups: an unknown group is Dead with nothing in it; metadata and assignments only once Stable (as Kafka). */
export function describeGroup(groupId: string, group: Group | undefined): GroupSummary {
  if (!group) {
    return { groupId, errorCode: ErrorCode.NONE, state: 'Dead', protocolType: '', protocol: '', generationId: -1, leaderId: null, members: [] };
  }
  const stable = group.is('Stable');
  return {
    groupId,
    errorCode: ErrorCode.NONE,
    state: group.state,
    protocolType: group.protocolType ?? '',
    protocol: stable ? (group.protocolName ?? '') : '',
    generationId: group.generationId,
    leaderId: group.leaderId,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      metadata: stable ? m.metadataFor(group.protocolName!) : EMPTY_BYTES,
      assignment: stable ? m.assignment : EMPTY_BYTES,
    })),
  };
}

/** Every group (including offset-only ones) in id order, optionally only those in the given states (case-insensitive). */
export function listGroups(groups: Iterable<Group>, statesFilter: readonly string[] = []): GroupListing[] {
  const wanted = new Set(statesFilter.map((s) => s.toLowerCase()));
  const out: GroupListing[] = [];
  for (const group of groups) {
    if (wanted.size && !wanted.has(group.state.toLowerCase())) continue;
    out.push({ groupId: group.groupId, protocolType: group.protocolType ?? '', state: group.state });
  }
  return out.sort(byGroupId);
}

/** Groups (or listings) in group id order. */
export function byGroupId(a: { groupId: string }, b: { groupId: string }): number {
  return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}

/** Counts for the metrics gauges. */
export function groupStats(groups: Iterable<Group>): { groupsByState: Record<GroupState, number>; members: number } {
  const groupsByState: Record<GroupState, number> = { Empty: 0, PreparingRebalance: 0, CompletingRebalance: 0, Stable: 0, Dead: 0 };
  let members = 0;
  for (const group of groups) {
    groupsByState[group.state]++;
    members += group.members.size;
  }
  return { groupsByState, members };
}

export interface GroupDetailDto extends GroupDescription {
  members: (GroupDescription['members'][number] & { sessionTimeoutMs: number; rebalanceTimeoutMs: number })[];
}

/** GET /v1/groups/{id}: like DescribeGroups, but with the last assignment (decoded) and the protocol in every state. */
export function groupDetail(group: Group): GroupDetailDto {
  return {
    groupId: group.groupId,
    state: group.state,
    protocolType: group.protocolType ?? '',
    protocol: group.protocolName,
    generation: group.generationId,
    leader: group.leaderId,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      assignment: assignmentOf(group, m),
    })),
  };
}

export interface GroupOffsetDto {
  topic: string;
  partition: number;
  offset: string;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: string;
}

/** GET /v1/groups/{id}/offsets: committed offsets with their commit times, in topic and partition order. */
export function groupOffsets(group: Group): GroupOffsetDto[] {
  return sortedOffsets(group.offsets).map((o) => ({
    topic: o.topic,
    partition: o.partition,
    // int64 as a string: JSON numbers lose precision past 2^53.
    offset: o.offset.toString(),
    leaderEpoch: o.leaderEpoch,
    metadata: o.metadata,
    commitTimestamp: new Date(o.commitTimestamp).toISOString(),
  }));
}

/** A member's assignment as topic → partitions; other protocols, and bytes a client wrote in another format, show none. */
export function assignmentOf(group: Group, member: Member): PartitionAssignment {
  const bytes = member.assignment;
  if (group.protocolType !== 'consumer' || bytes.length === 0) return {};
  try {
    const decoded = decodeConsumerProtocolAssignment(bytes);
    const out = Object.create(null) as PartitionAssignment;
    for (const { topic, partitions } of decoded.assignedPartitions) out[topic] = [...(out[topic] ?? []), ...partitions];
    return out;
  } catch {
    return {};
  }
}
