import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeadLetterKind } from '../server/triage-entries';

/** Pending count and lag of one stream's group, as one collection reads them from Redis. */
export interface GroupGauges {
  stream: string;
  group: string;
  pending: number;
  lag: number | null;
}

/** A running server that can report its groups' gauges at scrape time. */
export interface GroupGaugeSource {
  readGroupGauges(): Promise<GroupGauges[]>;
}

const labelNames = ['stream', 'group'] as const;

/**
 * The runner's metrics, once per registry: several servers in one app (or one test process with
 * several apps) share the metric objects of their registry, and the gauges ask every server.
 */
export class RedisStreamsMetrics {
  private static readonly byRegistry = new WeakMap<Registry, RedisStreamsMetrics>();

  static for(registry: Registry): RedisStreamsMetrics {
    let metrics = RedisStreamsMetrics.byRegistry.get(registry);
    if (!metrics) {
      metrics = new RedisStreamsMetrics(registry);
      RedisStreamsMetrics.byRegistry.set(registry, metrics);
    }
    return metrics;
  }

  readonly read: Counter<'stream' | 'group'>;
  readonly acked: Counter<'stream' | 'group'>;
  readonly retried: Counter<'stream' | 'group'>;
  readonly claimed: Counter<'stream' | 'group'>;
  readonly deadLettered: Counter<'stream' | 'group' | 'reason'>;
  readonly handlerDuration: Histogram<'stream' | 'group'>;
  private readonly sources = new Set<GroupGaugeSource>();
  private lastCollection?: { at: number; result: Promise<GroupGauges[]> };

  private constructor(registry: Registry) {
    const registers = [registry];
    this.read = new Counter({ name: 'redis_streams_entries_read_total', help: 'Stream entries read by the consumer group (new, own pending, reclaimed)', labelNames, registers });
    this.acked = new Counter({ name: 'redis_streams_entries_acked_total', help: 'Entries acknowledged after the handler succeeded (or skipped them)', labelNames, registers });
    this.retried = new Counter({ name: 'redis_streams_entries_retried_total', help: 'Entries handed to the handler again after it failed', labelNames, registers });
    this.claimed = new Counter({ name: 'redis_streams_entries_claimed_total', help: 'Idle entries of other consumers claimed with XAUTOCLAIM', labelNames, registers });
    this.deadLettered = new Counter({
      name: 'redis_streams_entries_dead_lettered_total',
      help: 'Entries moved to the dead-letter stream, by reason (schema, max_deliveries, rejected)',
      labelNames: [...labelNames, 'reason'],
      registers,
    });
    this.handlerDuration = new Histogram({
      name: 'redis_streams_handler_duration_seconds',
      help: 'Time from handing a batch to the handler until it succeeded (a batching handler includes its wait for the flush)',
      labelNames,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const collect = () => this.collectGauges();
    new Gauge({
      name: 'redis_streams_pending_entries',
      help: 'Entries delivered to the group and not yet acknowledged (XPENDING)',
      labelNames,
      registers,
      async collect() {
        this.reset();
        for (const gauges of await collect()) this.set({ stream: gauges.stream, group: gauges.group }, gauges.pending);
      },
    });
    new Gauge({
      name: 'redis_streams_group_lag',
      help: 'Entries not yet delivered to the group (XINFO GROUPS lag); absent when Redis cannot compute it',
      labelNames,
      registers,
      async collect() {
        this.reset();
        for (const gauges of await collect()) if (gauges.lag !== null) this.set({ stream: gauges.stream, group: gauges.group }, gauges.lag);
      },
    });
  }

  /** Both gauges are filled by one round of Redis queries per scrape. */
  private collectGauges(): Promise<GroupGauges[]> {
    const now = Date.now();
    if (!this.lastCollection || now - this.lastCollection.at > 500) this.lastCollection = { at: now, result: collectAll(this.sources) };
    return this.lastCollection.result;
  }

  addSource(source: GroupGaugeSource): void {
    this.sources.add(source);
  }

  removeSource(source: GroupGaugeSource): void {
    this.sources.delete(source);
  }

  countDeadLetter(stream: string, group: string, reason: DeadLetterKind): void {
    this.deadLettered.inc({ stream, group, reason });
  }
}

/** A scrape must not hang on a Redis outage: a source that does not answer in time is left out of this scrape. */
async function collectAll(sources: Iterable<GroupGaugeSource>): Promise<GroupGauges[]> {
  const results = await Promise.all(
    [...sources].map((source) =>
      Promise.race([source.readGroupGauges(), new Promise<GroupGauges[]>((resolve) => setTimeout(() => resolve([]), 1_000).unref())]).catch(() => [] as GroupGauges[]),
    ),
  );
  return results.flat();
}
