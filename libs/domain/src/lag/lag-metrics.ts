/** Lag of one partition for one group: how far the committed position trails the log end. */
export interface PartitionLag {
  topic: string;
  partition: number;
  committedOffset: bigint | null;
  endOffset: bigint;
  /** Offsets behind; with no commit, the whole retained log counts. */
  lag: bigint;
  /** Milliseconds the oldest unconsumed record has waited, when known. */
  timeLagMs: number | null;
  memberId: string | null;
}

export interface GroupLagSummary {
  source: 'kafka' | 'redis';
  groupId: string;
  totalLag: bigint;
  lagP50: bigint;
  lagP95: bigint;
  lagMax: bigint;
  timeLagMaxMs: number | null;
  partitions: PartitionLag[];
}
