import { GroupState } from './group-state';

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Partitions per topic, the shape both assignors and describe-group answers use. */
export type PartitionAssignment = Record<string, number[]>;

export interface GroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  assignment: PartitionAssignment;
}

export interface GroupDescription {
  groupId: string;
  state: GroupState;
  protocolType: string;
  protocol: string | null;
  generation: number;
  leader: string | null;
  members: GroupMember[];
}
