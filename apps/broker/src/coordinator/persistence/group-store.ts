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

/** Everything the coordinator needs back after a restart. */
export interface LoadedGroups {
  groups: Map<string, { group: StoredGroup | null; offsets: StoredOffset[] }>;
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
}
