import type { TopicPartitions } from '@app/assignors';
import type { ConsumerGroupState } from '../group/consumer-group-membership';
import type { MemberReconciliationState } from '../group/consumer-group-member';

/** Member epochs with a meaning of their own in ConsumerGroupHeartbeat (KIP-848). */
export const JOIN_EPOCH = 0;
export const LEAVE_EPOCH = -1;
export const STATIC_LEAVE_EPOCH = -2;

/** ConsumerGroupHeartbeat, free of wire types: topics by name (the handler maps topic ids). */
export interface ConsumerGroupHeartbeatRequest {
  groupId: string;
  memberId: string;
  memberEpoch: number;
  instanceId: string | null;
  rackId: string | null;
  /** -1 when unchanged since the last heartbeat. */
  rebalanceTimeoutMs: number;
  /** null when unchanged since the last heartbeat. */
  subscribedTopicNames: string[] | null;
  /** v1+; null when unchanged or not used. */
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  /** The partitions the member owns; null when unchanged since the last heartbeat. */
  ownedPartitions: TopicPartitions[] | null;
  clientId: string;
  clientHost: string;
  /** v1+: the client generates its member id and must send it when joining (Kafka 4.0). */
  clientGeneratesMemberId: boolean;
}

export interface ConsumerGroupHeartbeatResult {
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  /** The member's partitions, when they changed or the request was a full one; null otherwise. */
  assignment: TopicPartitions[] | null;
}

/** ConsumerGroupDescribe's view of one group. */
export interface ConsumerGroupDescription {
  groupId: string;
  errorCode: number;
  errorMessage: string | null;
  state: ConsumerGroupState;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: {
    memberId: string;
    instanceId: string | null;
    rackId: string | null;
    memberEpoch: number;
    clientId: string;
    clientHost: string;
    subscribedTopicNames: string[];
    subscribedTopicRegex: string | null;
    state: MemberReconciliationState;
    assignment: TopicPartitions[];
    targetAssignment: TopicPartitions[];
  }[];
}
