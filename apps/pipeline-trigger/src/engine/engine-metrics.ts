import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The engine's Prometheus series, registered once per application on its registry. */
export class EngineMetrics {
  readonly eventsCounted: Counter<'consumer_id'>;
  readonly eventsReplayed: Counter<'consumer_id'>;
  readonly triggers: Counter<'consumer_id' | 'reason'>;
  readonly triggerLatency: Histogram<'reason'>;
  readonly windowFill: Gauge<'consumer_id'>;
  readonly deadLettered: Counter<'consumer_id'>;
  readonly pipelineJobs: Counter<'status'>;
  readonly replicaWaitFailed: Counter<'consumer_id' | 'step'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.eventsCounted = new Counter({ name: 'pipeline_trigger_events_counted_total', help: 'Events counted into windows', labelNames: ['consumer_id'], registers });
    this.eventsReplayed = new Counter({
      name: 'pipeline_trigger_events_replayed_total',
      help: 'Redelivered events the offset guard counted zero times',
      labelNames: ['consumer_id'],
      registers,
    });
    this.triggers = new Counter({ name: 'pipeline_trigger_triggers_total', help: 'Pipeline jobs enqueued, by the threshold that closed the window', labelNames: ['consumer_id', 'reason'], registers });
    // Closed in Redis → BullMQ job added; the target is p99 < 100 ms, so the buckets are fine below it.
    this.triggerLatency = new Histogram({
      name: 'pipeline_trigger_trigger_latency_seconds',
      help: 'From the threshold being crossed (window closed) to the job being enqueued',
      labelNames: ['reason'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers,
    });
    this.windowFill = new Gauge({ name: 'pipeline_trigger_window_fill_ratio', help: 'Open window count / max_event', labelNames: ['consumer_id'], registers });
    this.deadLettered = new Counter({ name: 'pipeline_trigger_dead_lettered_total', help: 'Events sent to the dead-letter topic', labelNames: ['consumer_id'], registers });
    // Each is a batch left uncommitted (step commit) or a closed window left in the outbox (step publish).
    this.replicaWaitFailed = new Counter({
      name: 'pipeline_trigger_replica_wait_failed_total',
      help: 'WAITs for REDIS_WAIT_REPLICAS replicas that timed out, failed or saw the connection replaced',
      labelNames: ['consumer_id', 'step'],
      registers,
    });
    this.pipelineJobs = new Counter({ name: 'pipeline_trigger_pipeline_jobs_total', help: 'Pipeline jobs by final status (completed, failed)', labelNames: ['status'], registers });
  }
}
