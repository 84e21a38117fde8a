import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { GROUP_STATES, type GroupState } from '@app/domain';
import { kafkaError } from '@app/kafka-protocol';
import { DeferredCounts } from '../../server/deferred-counts';
import type { ConsumerGroupState } from '../group/consumer-group-membership';
import type { CoordinatorObserver } from './coordinator-observer';
import type { EventPublisherCounters } from '../events/redis-group-event-publisher';

/** Counts for the gauges: groups by classic state, KIP-848 groups by their own state, members of both. */
export interface CoordinatorStats {
  groupsByState: Record<GroupState, number>;
  consumerGroupsByState: Record<ConsumerGroupState, number>;
  members: number;
}

const CONSUMER_GROUP_STATES: readonly ConsumerGroupState[] = ['Empty', 'Assigning', 'Reconciling', 'Stable', 'Dead'];

/** Prometheus metrics of the group coordinator; gauges are read from the coordinator at scrape time. */
export class CoordinatorMetrics implements CoordinatorObserver, EventPublisherCounters {
  private readonly rebalances: Counter;
  private readonly rebalanceDuration: Histogram;
  private readonly expirations: Counter<'kind'>;
  private readonly eventsPublished: Counter;
  private readonly eventsFailed: Counter<'reason'>;
  // By error code, handed to prom-client when scraped: these counters sit on the hottest paths.
  private readonly heartbeatsByError = new DeferredCounts();
  private readonly commitsByError = new DeferredCounts();

  private stats: () => CoordinatorStats = () => ({
    groupsByState: { Empty: 0, PreparingRebalance: 0, CompletingRebalance: 0, Stable: 0, Dead: 0 },
    consumerGroupsByState: { Empty: 0, Assigning: 0, Reconciling: 0, Stable: 0, Dead: 0 },
    members: 0,
  });

  constructor(registry: Registry) {
    const stats = () => this.stats();
    new Gauge({
      name: 'broker_groups',
      help: 'Consumer groups by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const { groupsByState } = stats();
        for (const state of GROUP_STATES) this.set({ state }, groupsByState[state]);
      },
    });
    new Gauge({
      name: 'broker_consumer_protocol_groups',
      help: 'KIP-848 consumer groups by their state (also counted in broker_groups as Empty or Stable)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const { consumerGroupsByState } = stats();
        for (const state of CONSUMER_GROUP_STATES) this.set({ state }, consumerGroupsByState[state]);
      },
    });
    new Gauge({
      name: 'broker_group_members',
      help: 'Members across all consumer groups, classic and KIP-848',
      registers: [registry],
      collect() {
        this.set(stats().members);
      },
    });
    const heartbeats = this.heartbeatsByError;
    new Counter({
      name: 'broker_group_heartbeats_total',
      help: 'Heartbeats answered, by error name',
      labelNames: ['error'],
      registers: [registry],
      collect() {
        heartbeats.drain((errorCode, n) => this.inc({ error: kafkaError(errorCode).name }, n));
      },
    });
    const commits = this.commitsByError;
    new Counter({
      name: 'broker_group_offset_commits_total',
      help: 'Partition offsets committed, by error name',
      labelNames: ['error'],
      registers: [registry],
      collect() {
        commits.drain((errorCode, n) => this.inc({ error: kafkaError(errorCode).name }, n));
      },
    });
    this.rebalances = new Counter({ name: 'broker_group_rebalances_total', help: 'Rebalances started', registers: [registry] });
    this.rebalanceDuration = new Histogram({
      name: 'broker_group_rebalance_duration_seconds',
      help: 'From the start of a rebalance to the group being stable (or empty)',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 3, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    this.expirations = new Counter({ name: 'broker_group_member_expirations_total', help: 'Members removed by a timeout, by kind', labelNames: ['kind'], registers: [registry] });
    this.eventsPublished = new Counter({ name: 'broker_group_events_published_total', help: 'Group events appended to Redis', registers: [registry] });
    this.eventsFailed = new Counter({ name: 'broker_group_events_failed_total', help: 'Group events not appended to Redis, by reason', labelNames: ['reason'], registers: [registry] });
  }

  /** Where the gauges read the current group counts from. */
  watch(stats: () => CoordinatorStats): void {
    this.stats = stats;
  }

  heartbeat(errorCode: number): void {
    this.heartbeatsByError.add(errorCode);
  }

  offsetsCommitted(count: number, errorCode: number): void {
    this.commitsByError.add(errorCode, count);
  }

  rebalanceStarted(): void {
    this.rebalances.inc();
  }

  rebalanceCompleted(durationMs: number): void {
    this.rebalanceDuration.observe(durationMs / 1000);
  }

  memberExpired(kind: 'session' | 'pending' | 'rebalance' | 'sync'): void {
    this.expirations.inc({ kind });
  }

  published(count: number): void {
    this.eventsPublished.inc(count);
  }

  failed(count: number, reason: string): void {
    this.eventsFailed.inc({ reason }, count);
  }
}
