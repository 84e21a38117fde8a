import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type TopicKind = 'job' | 'channel';
export type Rejection = 'unauthorized' | 'forbidden' | 'bad_request' | 'process_full' | 'client_full' | 'unavailable';

/** The router's Prometheus series. Children are resolved once so the per-event path does no label hashing. */
@Injectable()
export class SseMetrics {
  readonly openConnections: Record<TopicKind, Gauge.Internal<'kind'>>;
  readonly delivered: Record<TopicKind, Counter.Internal>;
  readonly latency: Record<TopicKind, Histogram.Internal<'kind'>>;
  private readonly openGauge: Gauge<'kind'>;
  private readonly deliveredCounter: Counter<'kind'>;
  private readonly latencyHistogram: Histogram<'kind'>;
  private readonly replays: Counter<'kind'>;
  private readonly replayedEvents: Counter<'kind'>;
  private readonly resets: Counter<'kind' | 'reason'>;
  private readonly slowDisconnects: Counter<'kind'>;
  private readonly rejections: Counter<'reason'>;
  private readonly routed: Counter<'source'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.openGauge = new Gauge({ name: 'sse_open_connections', help: 'Open SSE streams', labelNames: ['kind'], registers });
    this.deliveredCounter = new Counter({ name: 'sse_events_delivered_total', help: 'Events written to SSE clients (live and replayed)', labelNames: ['kind'], registers });
    this.latencyHistogram = new Histogram({
      name: 'sse_delivery_latency_seconds',
      help: 'From the source entry id time (when Redis stored the event) to the write to the client, live deliveries only',
      labelNames: ['kind'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.replays = new Counter({ name: 'sse_replays_total', help: 'Subscriptions that resumed from a Last-Event-ID cursor', labelNames: ['kind'], registers });
    this.replayedEvents = new Counter({ name: 'sse_replayed_events_total', help: 'Events written from history during replays', labelNames: ['kind'], registers });
    this.resets = new Counter({ name: 'sse_resets_total', help: 'Subscriptions whose cursor could not be resumed (reset event sent)', labelNames: ['kind', 'reason'], registers });
    this.slowDisconnects = new Counter({ name: 'sse_slow_client_disconnects_total', help: 'Clients cut off because their buffer passed SSE_MAX_BUFFERED_BYTES', labelNames: ['kind'], registers });
    this.rejections = new Counter({ name: 'sse_rejected_connections_total', help: 'Subscriptions refused, by reason', labelNames: ['reason'], registers });
    this.routed = new Counter({ name: 'eventrouter_routed_entries_total', help: 'Source entries this replica appended to per-job/per-channel streams', labelNames: ['source'], registers });
    // Zero series from the start, so dashboards and alerts see 0 rather than no data.
    for (const kind of ['job', 'channel'] as const) {
      this.slowDisconnects.labels(kind);
      this.replays.labels(kind);
    }
    this.openConnections = { job: this.openGauge.labels('job'), channel: this.openGauge.labels('channel') };
    this.delivered = { job: this.deliveredCounter.labels('job'), channel: this.deliveredCounter.labels('channel') };
    this.latency = { job: this.latencyHistogram.labels('job'), channel: this.latencyHistogram.labels('channel') };
  }

  replayed(kind: TopicKind, fromCursor: boolean, events: number): void {
    if (fromCursor) this.replays.inc({ kind });
    if (events > 0) this.replayedEvents.inc({ kind }, events);
  }

  reset(kind: TopicKind, reason: string): void {
    this.resets.inc({ kind, reason });
  }

  slowDisconnect(kind: TopicKind): void {
    this.slowDisconnects.inc({ kind });
  }

  rejected(reason: Rejection): void {
    this.rejections.inc({ reason });
  }

  routedEntries(source: string, count: number): void {
    this.routed.inc({ source }, count);
  }
}
