import type { GroupState } from '@app/domain';
import type { Protocol } from './member';

/** The coordinator's requests and answers, free of wire types: the Kafka handlers translate to and from these. */
export interface JoinGroupRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
  /** JoinGroup v4+: a dynamic member without an id is told its id and must join again (KIP-394). */
  requireKnownMemberId: boolean;
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeavingMember {
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeaveGroupResult {
  errorCode: number;
  members: (LeavingMember & { errorCode: number })[];
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** v2-v4 retention time; -1 = the broker's retention rules. */
  retentionTimeMs: number;
  offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number; metadata: string | null; commitTimestamp: number }[];
}

export interface PartitionError {
  topic: string;
  partition: number;
  errorCode: number;
}

export interface FetchedOffset {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface GroupSummary {
  groupId: string;
  errorCode: number;
  state: GroupState;
  protocolType: string;
  protocol: string;
  generationId: number;
  leaderId: string | null;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }[];
}

export interface GroupListing {
  groupId: string;
  protocolType: string;
  state: GroupState;
}
