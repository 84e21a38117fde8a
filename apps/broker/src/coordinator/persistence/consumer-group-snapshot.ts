import { fromTopicPartitions, toTopicPartitions } from '../group/assignment';
import { ConsumerGroupMembership } from '../group/consumer-group-membership';
import { ConsumerGroupMember } from '../group/consumer-group-member';
import type { ConsumerGroupChange, StoredConsumerGroup, StoredConsumerMember } from './group-store';

/** The group-log record of what changed in a KIP-848 group: its fields, the changed members, the members gone. */
export function consumerGroupChange(membership: ConsumerGroupMembership, changed: readonly ConsumerGroupMember[], removed: readonly string[]): ConsumerGroupChange {
  return {
    metadata: {
      groupEpoch: membership.groupEpoch,
      assignmentEpoch: membership.assignmentEpoch,
      assignorName: membership.assignorName,
      subscribedTopics: [...membership.subscribedTopics],
    },
    members: changed.map((m) => storedMember(membership, m)),
    removedMembers: [...removed],
  };
}

function storedMember(membership: ConsumerGroupMembership, m: ConsumerGroupMember): StoredConsumerMember {
  return {
    memberId: m.memberId,
    instanceId: m.instanceId,
    rackId: m.rackId,
    clientId: m.clientId,
    clientHost: m.clientHost,
    rebalanceTimeoutMs: m.rebalanceTimeoutMs,
    subscribedTopicNames: m.subscribedTopicNames,
    subscribedTopicRegex: m.subscribedTopicRegex,
    serverAssignor: m.serverAssignor,
    epoch: m.epoch,
    previousEpoch: m.previousEpoch,
    state: m.state,
    assigned: toTopicPartitions(m.assigned),
    revoking: toTopicPartitions(m.revoking),
    target: toTopicPartitions(membership.target.get(m.memberId) ?? new Map()),
    leftTemporarily: m.leftTemporarily,
  };
}

/**
 * A KIP-848 group rebuilt from the group log after a restart: every member with its epoch, partitions and target, so
 * members carry on heartbeating where they were (Kafka replays the same records at a coordinator move). Session
 * timers are the state machine's to start. Pure.
 */
export function restoreConsumerGroup(stored: StoredConsumerGroup, sessionTimeoutMs: number): ConsumerGroupMembership {
  const membership = new ConsumerGroupMembership();
  membership.groupEpoch = stored.metadata.groupEpoch;
  membership.assignmentEpoch = stored.metadata.assignmentEpoch;
  membership.assignorName = stored.metadata.assignorName;
  membership.subscribedTopics = new Map(stored.metadata.subscribedTopics);
  for (const s of stored.members) {
    const member = new ConsumerGroupMember(s.memberId, s.clientId, s.clientHost);
    member.instanceId = s.instanceId;
    member.rackId = s.rackId;
    member.rebalanceTimeoutMs = s.rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    member.subscribedTopicNames = s.subscribedTopicNames;
    member.subscribedTopicRegex = s.subscribedTopicRegex;
    member.serverAssignor = s.serverAssignor;
    member.epoch = s.epoch;
    member.previousEpoch = s.previousEpoch;
    member.state = s.state;
    member.assigned = fromTopicPartitions(s.assigned);
    member.revoking = fromTopicPartitions(s.revoking);
    member.leftTemporarily = s.leftTemporarily;
    membership.target.set(s.memberId, fromTopicPartitions(s.target));
    membership.add(member);
  }
  // Stored as it was: nothing to write back.
  membership.takeChanges();
  return membership;
}
