import type { Group } from '../group/group';
import { EMPTY_BYTES, Member } from '../group/member';
import type { StoredGroup, StoredOffset } from './group-store';

/**
 * What the group log keeps of a group (Kafka's GroupMetadataValue): each member with the metadata of the selected
 * protocol and its assignment, `assignments` overriding the members' current ones (the leader's new assignment,
 * stored before anyone is told).
 */
export function snapshotOf(group: Group, assignments?: Map<string, Buffer>): StoredGroup {
  return {
    groupId: group.groupId,
    protocolType: group.protocolType,
    generationId: group.generationId,
    protocolName: group.protocolName,
    leaderId: group.leaderId,
    currentStateTimestamp: group.currentStateTimestamp,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      sessionTimeoutMs: m.sessionTimeoutMs,
      subscription: group.protocolName ? (m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? EMPTY_BYTES) : EMPTY_BYTES,
      assignment: assignments?.get(m.memberId) ?? m.assignment,
    })),
  };
}

/**
 * Fills a fresh `group` from storage after a restart. A group that had members comes back Stable with its generation
 * and assignments (the caller gives every member a fresh session timeout to heartbeat or rejoin, as in Kafka); its
 * committed offsets come back as they were. Returns whether the group is worth keeping.
 */
export function restoreGroup(group: Group, stored: StoredGroup | null, offsets: readonly StoredOffset[]): boolean {
  if (stored) {
    group.generationId = stored.generationId;
    group.protocolType = stored.protocolType;
    group.protocolName = stored.protocolName;
    for (const m of stored.members) {
      const protocols = stored.protocolName ? [{ name: stored.protocolName, metadata: m.subscription }] : [];
      const member = new Member(m.memberId, m.groupInstanceId, m.clientId, m.clientHost, m.rebalanceTimeoutMs, m.sessionTimeoutMs, stored.protocolType ?? '', protocols);
      member.assignment = m.assignment;
      group.add(member, null);
    }
    group.leaderId = stored.leaderId !== null && group.has(stored.leaderId) ? stored.leaderId : (group.members.keys().next().value ?? null);
    group.restoreState(group.members.size > 0 ? 'Stable' : 'Empty', stored.currentStateTimestamp);
  }
  for (const { topic, partition, ...value } of offsets) {
    let partitions = group.offsets.get(topic);
    if (!partitions) group.offsets.set(topic, (partitions = new Map()));
    partitions.set(partition, value);
  }
  return group.members.size > 0 || group.hasOffsets || stored !== null;
}
