import type { TopicPartitions } from '@app/assignors';
import type { MemberReconciliationState } from '../group/consumer-group-member';
import type { CommittedOffset } from '../group/group';

/** A member as Kafka's GroupMetadataValue keeps it: the metadata of the selected protocol and the assignment. */
export interface StoredMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface StoredGroup {
  groupId: string;
  protocolType: string | null;
  generationId: number;
  protocolName: string | null;
  leaderId: string | null;
  currentStateTimestamp: number;
  members: StoredMember[];
}

export interface StoredOffset extends CommittedOffset {
  topic: string;
  partition: number;
}

/**
 * A KIP-848 member as the group log keeps it: what Kafka spreads over its ConsumerGroupMemberMetadata,
 * ConsumerGroupCurrentMemberAssignment and ConsumerGroupTargetAssignmentMember records, in one record per member.
 */
export interface StoredConsumerMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  epoch: number;
  previousEpoch: number;
  state: MemberReconciliationState;
  assigned: TopicPartitions[];
  revoking: TopicPartitions[];
  target: TopicPartitions[];
  leftTemporarily: boolean;
}

/** A KIP-848 group's own fields (Kafka's ConsumerGroupMetadata and target assignment metadata records). */
export interface StoredConsumerGroupMetadata {
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string | null;
  /** What the subscriptions resolved to, topic → partitions: a restart that finds the same topics is no rebalance. */
  subscribedTopics: [string, number][];
}

export interface StoredConsumerGroup {
  metadata: StoredConsumerGroupMetadata;
  members: StoredConsumerMember[];
}

/** One step of a KIP-848 group: its fields, the members whose record changed, the members gone. */
export interface ConsumerGroupChange {
  metadata: StoredConsumerGroupMetadata;
  members: StoredConsumerMember[];
  removedMembers: string[];
}

/** Everything the coordinator needs back after a restart. */
export interface LoadedGroups {
  groups: Map<string, { group: StoredGroup | null; offsets: StoredOffset[]; consumer?: StoredConsumerGroup | null }>;
}

/**
 * Durable storage of group metadata and committed offsets. Each call resolves once the change is durable
 * (fsynced when so configured); the coordinator acknowledges only after that.
 */
export interface GroupStore {
  saveGroup(group: StoredGroup): Promise<void>;
  saveOffsets(groupId: string, offsets: readonly StoredOffset[]): Promise<void>;
  removeOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void>;
  removeGroup(groupId: string): Promise<void>;
  /** A KIP-848 group's change: only the members that changed are written, so a join costs one record, not the group. */
  saveConsumerGroup(groupId: string, change: ConsumerGroupChange): Promise<void>;
  /** The group left the consumer protocol (classic members took it over once it was empty). */
  removeConsumerGroup(groupId: string): Promise<void>;
}
