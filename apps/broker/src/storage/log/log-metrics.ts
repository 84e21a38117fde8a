import { Gauge, Histogram, Registry } from 'prom-client';
import type { PartitionLog } from './partition-log';

/**
 * Storage metrics: partition count, per-partition log size, segment count and high watermark
 * (read at scrape time, so the hot path pays nothing), and an fsync latency histogram.
 */
export class LogMetrics {
  private readonly flushSeconds: Histogram;
  private source: () => readonly PartitionLog[] = () => [];

  constructor(registry: Registry) {
    const partitions = (): readonly PartitionLog[] => this.source();
    new Gauge({
      name: 'broker_partitions',
      help: 'Partitions hosted by this broker',
      registers: [registry],
      collect() {
        this.set(partitions().length);
      },
    });
    new Gauge({
      name: 'broker_log_size_bytes',
      help: 'Bytes of record batches stored per partition',
      labelNames: ['topic', 'partition'],
      registers: [registry],
      collect() {
        this.reset();
        for (const p of partitions()) this.set({ topic: p.topic, partition: String(p.partition) }, p.sizeBytes);
      },
    });
    new Gauge({
      name: 'broker_log_segments',
      help: 'Segment files per partition',
      labelNames: ['topic', 'partition'],
      registers: [registry],
      collect() {
        this.reset();
        for (const p of partitions()) this.set({ topic: p.topic, partition: String(p.partition) }, p.segmentCount);
      },
    });
    new Gauge({
      name: 'broker_log_high_watermark',
      help: 'High watermark (next offset to be written) per partition',
      labelNames: ['topic', 'partition'],
      registers: [registry],
      collect() {
        this.reset();
        for (const p of partitions()) this.set({ topic: p.topic, partition: String(p.partition) }, Number(p.highWatermark));
      },
    });
    new Gauge({
      name: 'broker_log_failed_partitions',
      help: 'Partitions whose log failed a write or fsync and refuse appends until a restart',
      registers: [registry],
      collect() {
        this.set(partitions().filter((p) => !p.writable).length);
      },
    });
    this.flushSeconds = new Histogram({
      name: 'broker_log_flush_seconds',
      help: 'Duration of log fsyncs',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
  }

  /** Where the gauges read partitions from (the topic registry, which is built after the metrics). */
  watch(source: () => readonly PartitionLog[]): void {
    this.source = source;
  }

  onFlush(seconds: number): void {
    this.flushSeconds.observe(seconds);
  }
}
