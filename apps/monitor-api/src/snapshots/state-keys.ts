/**
 * Keys of the builder's per-partition state, shared with the restore that rebuilds it. Template strings, not
 * arrays joined: the builder makes one per group-partition per sweep.
 */
export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
export const groupPartitionKey = (groupId: string, topic: string, partition: number) => `${groupId}\u0000${topic}\u0000${partition}`;
