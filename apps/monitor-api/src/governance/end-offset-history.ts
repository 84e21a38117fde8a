export interface OffsetPoint {
  offset: number;
  atMs: number;
}

/**
 * One partition's production curve: (end offset, time) points from successive sweeps, the table
 * kafka-lag-exporter keeps to turn offset lag into time lag. Kept monotonic and compact as it does:
 * a point older than the newest, or with a smaller offset (topic recreated), is rejected; while the producer
 * is idle the newest point's time moves forward instead of adding points, so a flat stretch is stored as its
 * first and last sample. At most `maxPoints` are kept (the oldest go first).
 */
export class EndOffsetHistory {
  private readonly points: OffsetPoint[] = [];

  constructor(private readonly maxPoints: number) {
    if (maxPoints < 2) throw new RangeError('an end offset history needs room for at least 2 points');
  }

  add(offset: number, atMs: number): boolean {
    const n = this.points.length;
    const newest = this.points[n - 1];
    if (newest && (atMs <= newest.atMs || offset < newest.offset)) return false;
    if (n >= 2 && newest.offset === offset && this.points[n - 2].offset === offset) {
      newest.atMs = atMs;
      return true;
    }
    this.points.push({ offset, atMs });
    if (this.points.length > this.maxPoints) this.points.shift();
    return true;
  }

  snapshot(): readonly OffsetPoint[] {
    return this.points;
  }
}
