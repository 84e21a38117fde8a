import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DbClient, PRISMA } from '@app/db';
import { REDIS, type ReadinessCheck } from '@app/platform';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AlertPublisher } from '../alerts/alert-publisher';
import { AlertService } from '../alerts/alert-service';
import { AlertStore } from '../alerts/alert-store';
import type { Collector } from '../collect/collected';
import { GroupEventsReader } from '../collect/group-events-reader';
import { KafkaCollector } from '../collect/kafka-collector';
import { RedisCollector } from '../collect/redis-collector';
import { systemClock } from '../governance/clock';
import { GOVERNANCE_READ_MODEL } from '../governance/governance-read-model';
import type { MonitorApiConfig } from '../config';
import { governanceSettings } from '../settings/governance-settings';
import { readMonitorConfigFile } from '../settings/monitor-config-file';
import { SnapshotStore } from './snapshot-store';
import { SnapshotSweeper } from './snapshot-sweeper';

const SWEEPER_LOGGER = Symbol('SWEEPER_LOGGER');

/** Builds the sweeper from the configuration: one collector per cluster, stores, alerts. Nest only wires it. */
export function createSweeper(config: MonitorApiConfig, redis: Redis, prisma: DbClient, logger: Logger): SnapshotSweeper {
  const settings = governanceSettings(config, readMonitorConfigFile(config.MONITOR_CONFIG_FILE));
  const clock = systemClock;
  const collectors: Collector[] = settings.kafkaClusters.map(
    (cluster) =>
      new KafkaCollector({
        cluster,
        clientId: config.KAFKA_CLIENT_ID,
        concurrency: config.SWEEP_CONCURRENCY,
        topicInfoRefreshMs: config.TOPIC_INFO_REFRESH_MS,
        groupFilter: settings.groupFilter,
        clock,
      }),
  );
  if (settings.redisEnabled) {
    collectors.push(new RedisCollector({ redis, streamPattern: config.REDIS_STREAM_PATTERN, maxStreams: config.REDIS_MAX_STREAMS, concurrency: config.SWEEP_CONCURRENCY, groupFilter: settings.groupFilter, clock }));
  }
  const windowMs = Math.max(config.STUCK_DETECTION_WINDOW * 1000, config.REBALANCE_WINDOW_SNAPSHOTS * config.SWEEP_INTERVAL_MS);
  return new SnapshotSweeper({
    collectors,
    defaultClusterId: settings.defaultClusterId,
    builder: {
      thresholds: settings.thresholds,
      endOffsetHistoryPoints: config.END_OFFSET_HISTORY_POINTS,
      rebalanceSnapshots: config.REBALANCE_WINDOW_SNAPSHOTS,
      rebalanceMax: config.REBALANCE_MAX,
    },
    store: new SnapshotStore(prisma),
    alerts: new AlertService(new AlertStore(prisma), new AlertPublisher(redis, config.ALERTS_STREAM, config.ALERTS_STREAM_MAXLEN), logger),
    groupEvents: settings.kafkaClusters.some((c) => c.clusterId === config.GROUP_EVENTS_CLUSTER)
      ? { reader: new GroupEventsReader(redis, config.GROUP_EVENTS_STREAM, windowMs, clock, logger), clusterId: config.GROUP_EVENTS_CLUSTER }
      : null,
    clock,
    logger,
    intervalMs: config.SWEEP_INTERVAL_MS,
    retentionMs: config.SNAPSHOT_RETENTION_HOURS * 3_600_000,
  });
}

/**
 * Starts the sweeper without holding up the HTTP listener: restoring a day of history from Postgres took up to 9 s
 * with 1,000 groups, during which liveness probes would have found nothing listening. Readiness waits instead.
 */
@Injectable()
class SweeperLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private started: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SnapshotSweeper) private readonly sweeper: SnapshotSweeper,
    @Inject(SWEEPER_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.started = this.sweeper.start().catch((error) => this.logger.error({ err: error }, 'starting the sweeps failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.started;
    await this.sweeper.stop();
  }
}

/** Not ready until every cluster has been swept once after the restore: before that the API would answer with nothing. */
@Injectable()
export class FirstSweepReadinessCheck implements ReadinessCheck {
  readonly name = 'first-sweep';

  constructor(@Inject(SnapshotSweeper) private readonly sweeper: SnapshotSweeper) {}

  async check(): Promise<void> {
    if (!this.sweeper.warm) throw new Error('restoring history and taking the first snapshot of every cluster');
  }
}

/** The scheduled sweeps and the read model every other module reads (GOVERNANCE_READ_MODEL). */
@Global()
@Module({})
export class SnapshotsModule {
  static forRoot(config: MonitorApiConfig, logger: Logger): DynamicModule {
    return {
      module: SnapshotsModule,
      providers: [
        { provide: SnapshotSweeper, inject: [REDIS, PRISMA], useFactory: (redis: Redis, prisma: DbClient) => createSweeper(config, redis, prisma, logger) },
        { provide: GOVERNANCE_READ_MODEL, useExisting: SnapshotSweeper },
        { provide: SWEEPER_LOGGER, useValue: logger },
        SweeperLifecycle,
        FirstSweepReadinessCheck,
      ],
      exports: [GOVERNANCE_READ_MODEL, SnapshotSweeper],
    };
  }
}
