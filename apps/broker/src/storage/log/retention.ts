export interface RetentionSegment {
  size: number;
  /** Largest record timestamp in the segment, -1 when unknown. */
  maxTimestamp: number;
}

export interface RetentionPolicy {
  /** -1 = keep forever. */
  retentionMs: number;
  /** Per partition; -1 = unlimited. */
  retentionBytes: number;
}

/**
 * How many of the oldest segments retention deletes (Kafka's rules): a segment goes when its
 * newest record is older than retention.ms, or while the partition would still be at least
 * retention.bytes without it. Deletion is a prefix, and the last (active) segment always stays.
 */
export function segmentsToDelete(segments: RetentionSegment[], policy: RetentionPolicy, now: number): number {
  const candidates = segments.length - 1;
  let count = 0;
  if (policy.retentionMs >= 0) {
    while (count < candidates && segments[count].maxTimestamp >= 0 && now - segments[count].maxTimestamp > policy.retentionMs) count++;
  }
  if (policy.retentionBytes >= 0) {
    let total = 0;
    for (const s of segments) total += s.size;
    for (let i = 0; i < count; i++) total -= segments[i].size;
    while (count < candidates && total - segments[count].size >= policy.retentionBytes) {
      total -= segments[count].size;
      count++;
    }
  }
  return count;
}
