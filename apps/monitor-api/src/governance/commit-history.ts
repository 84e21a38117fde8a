export interface CommitSample {
  offset: number;
  /** When a sweep first saw this committed offset. */
  atMs: number;
  /** The partition's lag at that sweep. */
  lag: number;
}

/**
 * A partition's recent commits as the sweeps observe them. The Admin API gives the committed offset but not
 * when it was committed, so a commit is recorded when a sweep sees the offset change, stamped with that
 * sweep's time. Samples older than the detection window are dropped, except the newest one: it tells how
 * long the offset has not moved.
 */
export class CommitHistory {
  private samples: CommitSample[] = [];

  observe(offset: number, atMs: number, lag: number, windowMs: number): void {
    const newest = this.samples[this.samples.length - 1];
    if (!newest || newest.offset !== offset) this.samples.push({ offset, atMs, lag });
    const cutoff = atMs - windowMs;
    let drop = 0;
    while (drop < this.samples.length - 1 && this.samples[drop].atMs < cutoff) drop++;
    if (drop > 0) this.samples = this.samples.slice(drop);
  }

  snapshot(): readonly CommitSample[] {
    return this.samples;
  }
}
