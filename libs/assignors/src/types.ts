/** Partitions of one topic, in the shape the consumer protocol puts on the wire. */
export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** What an assignor knows about one group member. */
export interface AssignorMember {
  memberId: string;
  /** KIP-345 static id; members that have one sort before those that do not (as in the Java client). */
  groupInstanceId?: string | null;
  /** Subscribed topic names. */
  topics: readonly string[];
  /** Partitions the member currently owns (subscription v1+ or sticky user data). */
  ownedPartitions?: readonly TopicPartitions[];
  /** Generation in which `ownedPartitions` were assigned; -1 or absent when unknown. */
  generation?: number;
}

/** Number of partitions per existing topic. Topics missing here are ignored. */
export type PartitionCounts = ReadonlyMap<string, number>;

/** memberId → its partitions, topics in name order and partitions ascending. Every input member is present. */
export type GroupAssignment = Map<string, TopicPartitions[]>;

export type AssignFunction = (members: readonly AssignorMember[], partitionCounts: PartitionCounts) => GroupAssignment;
