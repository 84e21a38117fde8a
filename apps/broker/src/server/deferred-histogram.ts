import { Histogram, type HistogramConfiguration, type LabelValues } from 'prom-client';

interface Series<T extends string> {
  labels: LabelValues<T>;
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  buckets: Float64Array;
  sum: number;
  count: number;
}

/**
 * A prom-client Histogram whose series are chosen by a small integer key and observed into plain arrays: prom-client's
 * own observe() builds a closure, validates and hashes the labels on every call, which the request path cannot
 * afford per request. The exposition is built from the arrays when the registry reads the metric, in the same shape
 * prom-client produces. Observe through observeKey() only.
 */
export class DeferredHistogram<T extends string> extends Histogram<T> {
  private readonly bounds: number[];
  private readonly series = new Map<number, Series<T>>();
  private readonly metricName: string;
  private readonly metricHelp: string;

  constructor(
    config: HistogramConfiguration<T> & { buckets: number[] },
    private readonly labelsOf: (key: number) => LabelValues<T>,
  ) {
    super(config);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.metricName = config.name;
    this.metricHelp = config.help;
  }

  observeKey(key: number, value: number): void {
    let series = this.series.get(key);
    if (!series) {
      series = { labels: this.labelsOf(key), buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    series.buckets[i]++;
    series.sum += value;
    series.count++;
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor calls reset() before this class's fields exist.
    this.series?.clear();
  }

  /** What prom-client's Registry reads (and Histogram.get() splays): cumulative buckets, +Inf, sum and count per series. */
  async getForPromString() {
    const name = this.metricName;
    const values: { labels: Record<string, string | number>; sharedLabels: LabelValues<T>; value: number; metricName: string }[] = [];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += buckets[i];
        values.push({ labels: { le }, sharedLabels: labels, value: cumulative, metricName: `${name}_bucket` });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: count, metricName: `${name}_bucket` });
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${name}_count` });
    }
    return { name, help: this.metricHelp, type: 'histogram' as const, values, aggregator: 'sum' as const };
  }
}
