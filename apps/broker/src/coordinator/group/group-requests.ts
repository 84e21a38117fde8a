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
  /** JoinGroup v8+ (KIP-800): why the client joins, added to the rebalance reason it starts. */
  reason?: string | null;
  /**
   * JoinGroup v9+ (KIP-814): a static leader rejoining a Stable group with unchanged metadata is told it is the
   * leader, with every member's metadata, and to skip the assignment. Older versions are told the old leader id.
   */
  supportsSkipAssignment?: boolean;
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
  /** LeaveGroup v5+ (KIP-800): why the member leaves, kept in the member_left event. */
  reason?: string | null;
}

export interface LeaveGroupResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** v2-v4 retention time; -1 = the broker's retention rules. */
  retentionTimeMs: number;
  /** The OffsetCommit version; members of a KIP-848 group must use v9+. Absent means the newest. */
  apiVersion?: number;
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
  /** "consumer" for a KIP-848 group, "classic" otherwise (ListGroups v5's group type). */
  groupType: 'classic' | 'consumer';
}
