/**
 * Counter increments by a small integer key (API key and version, error code), kept as plain numbers between scrapes.
 * prom-client hashes the label set on every inc(), which on a path taken 100,000 times a second is a measurable
 * share of the broker; the request path adds to a number instead, and the Counter's collect() hands the sums over
 * when it is read.
 */
export class DeferredCounts {
  private readonly counts = new Map<number, number>();

  add(key: number, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  /** Hands every count gathered since the last drain to `apply`, then starts again from zero. */
  drain(apply: (key: number, count: number) => void): void {
    for (const [key, count] of this.counts) {
      if (count === 0) continue;
      this.counts.set(key, 0);
      apply(key, count);
    }
  }
}
