export interface PartitionOffsets {
  /** null: the group never committed on this partition. */
  committedOffset: number | null;
  endOffset: number;
  logStartOffset: number;
}

export interface PartitionLagResult {
  lag: number | null;
  hasCommit: boolean;
  dataLostToRetention: boolean;
}

/**
 * Offset lag of one partition. No commit is "no commit" (null), not the whole log: kafka-lag-exporter #45
 * shows how counting the full log as lag raises false alarms. A commit below the log start means retention
 * deleted records the group never read: lag counts from the log start (Kafdrop's rule) and the loss is flagged.
 * The floor at 0 is there because end offsets and commits are read at slightly different instants (KMinion).
 */
export function partitionLag({ committedOffset, endOffset, logStartOffset }: PartitionOffsets): PartitionLagResult {
  if (committedOffset === null || committedOffset < 0) return { lag: null, hasCommit: false, dataLostToRetention: false };
  if (committedOffset < logStartOffset) {
    return { lag: Math.max(0, endOffset - logStartOffset), hasCommit: true, dataLostToRetention: true };
  }
  return { lag: Math.max(0, endOffset - committedOffset), hasCommit: true, dataLostToRetention: false };
}
