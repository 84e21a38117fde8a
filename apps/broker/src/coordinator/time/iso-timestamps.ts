/**
 * Epoch milliseconds as ISO-8601 strings, formatting each distinct millisecond once. Every group event carries its
 * time this way, and a busy coordinator emits several events per millisecond: Date#toISOString was the largest single
 * cost of a join+sync cycle.
 */
export class IsoTimestamps {
  private lastMs = Number.NaN;
  private lastIso = '';

  format(ms: number): string {
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = new Date(ms).toISOString();
    }
    return this.lastIso;
  }
}
