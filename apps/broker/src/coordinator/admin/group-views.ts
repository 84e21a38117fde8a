import { ErrorCode, decodeConsumerProtocolAssignment, encodeConsumerProtocolAssignment, encodeConsumerProtocolSubscription } from '@app/kafka-protocol';
import type { GroupDescription, GroupState, PartitionAssignment } from '@app/domain';
import { toTopicPartitions } from '../group/assignment';
import { sortedOffsets } from '../group/committed-offsets';
import type { ConsumerGroupState } from '../group/consumer-group-membership';
import type { ConsumerGroupMember } from '../group/consumer-group-member';
import type { Group } from '../group/group';
import type { GroupListing, GroupSummary } from '../group/group-requests';
import { EMPTY_BYTES, type Member } from '../group/member';
import type { CoordinatorStats } from '../metrics/coordinator-metrics';

/**
 * Read-only views of groups, as pure functions: DescribeGroups and ListGroups answers, the /v1/groups admin API and
 * the runbook's /consumer-groups paths all read a group through these, never through the state machine.
 */

/** DescribeGroups: an unknown group is Dead with nothing in it; metadata and assignments only once Stable (as Kafka). */
export function describeGroup(groupId: string, group: Group | undefined): GroupSummary {
  if (!group) {
    return { groupId, errorCode: ErrorCode.NONE, state: 'Dead', protocolType: '', protocol: '', generationId: -1, leaderId: null, members: [] };
  }
  if (group.consumer) return describeConsumerProtocolGroup(group);
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

/**
 * A KIP-848 group through DescribeGroups, so tools that know only the classic APIs (kafkajs's admin, and
 * monitor-api through it) still see its members, where Kafka answers Dead with none: each member's subscription and
 * current assignment encoded as the classic consumer protocol would carry them, the protocol named after the
 * server-side assignor.
 */
function describeConsumerProtocolGroup(group: Group): GroupSummary {
  const membership = group.consumer!;
  return {
    groupId: group.groupId,
    errorCode: ErrorCode.NONE,
    state: group.state,
    protocolType: 'consumer',
    protocol: membership.assignorName ?? '',
    generationId: membership.groupEpoch,
    leaderId: null,
    members: [...membership.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.instanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      // Empty user data, not null: @platformatic/kafka's DescribeGroups parser fails on a null one (docs/kafka-clients.md).
      metadata: encodeConsumerProtocolSubscription({ topics: subscribedNames(m), userData: EMPTY_BYTES, ownedPartitions: [], generationId: -1, rackId: m.rackId }, 0),
      assignment: encodeConsumerProtocolAssignment({ assignedPartitions: toTopicPartitions(m.assigned), userData: EMPTY_BYTES }, 0),
    })),
  };
}

/** What a consumer-protocol member subscribes to by name: its list, or what its regex matched last. */
function subscribedNames(member: ConsumerGroupMember): string[] {
  return member.subscribedTopicRegex === null ? member.subscribedTopicNames : (member.regex?.topics ?? []);
}

/** Every group (including offset-only ones) in id order, optionally only those in the given states (case-insensitive). */
export function listGroups(groups: Iterable<Group>, statesFilter: readonly string[] = []): GroupListing[] {
  const wanted = new Set(statesFilter.map((s) => s.toLowerCase()));
  const out: GroupListing[] = [];
  for (const group of groups) {
    if (wanted.size && !wanted.has(group.state.toLowerCase())) continue;
    out.push({ groupId: group.groupId, protocolType: group.protocolType ?? '', state: group.state, groupType: group.consumer ? 'consumer' : 'classic' });
  }
  return out.sort(byGroupId);
}

/** Groups (or listings) in group id order. */
export function byGroupId(a: { groupId: string }, b: { groupId: string }): number {
  return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}

/** Counts for the metrics gauges. */
export function groupStats(groups: Iterable<Group>): CoordinatorStats {
  const groupsByState: Record<GroupState, number> = { Empty: 0, PreparingRebalance: 0, CompletingRebalance: 0, Stable: 0, Dead: 0 };
  const consumerGroupsByState: Record<ConsumerGroupState, number> = { Empty: 0, Assigning: 0, Reconciling: 0, Stable: 0, Dead: 0 };
  let members = 0;
  for (const group of groups) {
    groupsByState[group.state]++;
    if (group.consumer) consumerGroupsByState[group.consumer.state]++;
    members += group.consumer ? group.consumer.members.size : group.members.size;
  }
  return { groupsByState, consumerGroupsByState, members };
}

export interface GroupDetailDto extends GroupDescription {
  members: (GroupDescription['members'][number] & { sessionTimeoutMs: number; rebalanceTimeoutMs: number })[];
}

/** GET /v1/groups/{id}: like DescribeGroups, but with the last assignment (decoded) and the protocol in every state. */
export function groupDetail(group: Group): GroupDetailDto {
  if (group.consumer) {
    const membership = group.consumer;
    return {
      groupId: group.groupId,
      state: group.state,
      protocolType: 'consumer',
      protocol: membership.assignorName,
      generation: membership.groupEpoch,
      leader: null,
      members: [...membership.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.instanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        sessionTimeoutMs: m.sessionTimeoutMs,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        assignment: Object.fromEntries(toTopicPartitions(m.assigned).map(({ topic, partitions }) => [topic, partitions])) as PartitionAssignment,
      })),
    };
  }
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
