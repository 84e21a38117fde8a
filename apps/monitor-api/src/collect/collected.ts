import type { ConsumerGroupState, ConsumerMember, GroupSource } from '../governance/model';

/** One partition of one topic: its offsets as the cluster reported them in one sweep. */
export interface CollectedPartitionOffsets {
  partition: number;
  endOffset: number;
  logStartOffset: number;
}

export interface CollectedTopic {
  name: string;
  partitions: CollectedPartitionOffsets[];
  replicationFactor: number | null;
  retentionMs: number | null;
  retentionBytes: number | null;
}

/** A group's position on one partition. Redis streams carry their own figures (Redis computes lag itself). */
export interface CollectedCommit {
  topic: string;
  partition: number;
  /** null: no commit (Kafka), or Redis `entries-read` unknown. */
  committedOffset: number | null;
  redis?: {
    /** XINFO GROUPS `lag`: null when Redis cannot compute it. */
    lag: number | null;
    lagUnknownReason: string | null;
    pending: number;
    /** Exact, from stream ids: age of the oldest entry not yet delivered to the group (0 when none). */
    oldestUndeliveredAgeMs: number | null;
    oldestPendingAgeMs: number | null;
    entriesRead: number | null;
  };
}

export interface CollectedGroup {
  groupId: string;
  state: ConsumerGroupState;
  assignor: string;
  generation: number | null;
  members: ConsumerMember[];
  commits: CollectedCommit[];
}

/** Everything one sweep read from one cluster. */
export interface ClusterCollection {
  clusterId: string;
  kind: GroupSource;
  collectedAtMs: number;
  durationMs: number;
  groups: CollectedGroup[];
  topics: Map<string, CollectedTopic>;
}

/** Reads one cluster's groups and topics. One instance (and one admin client) per cluster. */
export interface Collector {
  readonly clusterId: string;
  readonly kind: GroupSource;
  collect(): Promise<ClusterCollection>;
  close(): Promise<void>;
}
