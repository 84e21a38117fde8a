/** Whether a partition exists; OffsetCommit refuses offsets for partitions that do not. */
export type PartitionExists = (topic: string, partition: number) => boolean;

export const PARTITION_EXISTS = Symbol('PARTITION_EXISTS');
