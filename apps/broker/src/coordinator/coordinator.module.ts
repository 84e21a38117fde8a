import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { decodeConsumerProtocolSubscription } from '@app/kafka-protocol';
import type Redis from 'ioredis';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { ConsumerGroupsController } from './admin/consumer-groups.controller';
import { GroupsController } from './admin/groups.controller';
import { ClassicGroupStateMachine } from './classic/classic-group-state-machine';
import { ConsumerGroupStateMachine } from './consumer/consumer-group-state-machine';
import { NO_TOPICS, TOPIC_METADATA, type TopicMetadata } from './consumer/topic-metadata';
import { GroupTable } from './group/group-table';
import { OffsetManager } from './offsets/offset-manager';
import { TopicRegistry } from '../storage/topics/topic-registry';
import { systemClock } from './time/clock';
import { createRedisClient, loadConfig, RedisTopology } from '@app/platform';
import { coordinatorConfigFrom, coordinatorEnv, type CoordinatorEnv } from './config/coordinator-config';
import { CoordinatorMetrics } from './metrics/coordinator-metrics';
import { RedisGroupEventPublisher } from './events/redis-group-event-publisher';
import { GroupCoordinator } from './group-coordinator';
import { ConsumerGroupDescribeHandler } from './handlers/consumer-group-describe.handler';
import { ConsumerGroupHeartbeatHandler } from './handlers/consumer-group-heartbeat.handler';
import { DeleteGroupsHandler } from './handlers/delete-groups.handler';
import { DescribeGroupsHandler } from './handlers/describe-groups.handler';
import { FindCoordinatorHandler } from './handlers/find-coordinator.handler';
import { HeartbeatHandler } from './handlers/heartbeat.handler';
import { JoinGroupHandler } from './handlers/join-group.handler';
import { LeaveGroupHandler } from './handlers/leave-group.handler';
import { ListGroupsHandler } from './handlers/list-groups.handler';
import { OffsetCommitHandler } from './handlers/offset-commit.handler';
import { OffsetDeleteHandler } from './handlers/offset-delete.handler';
import { OffsetFetchHandler } from './handlers/offset-fetch.handler';
import { SyncGroupHandler } from './handlers/sync-group.handler';
import { PARTITION_EXISTS, type PartitionExists } from './handlers/topic-partition-checker';
import { FileGroupStore } from './persistence/file-group-store';
import type { GroupStore, LoadedGroups } from './persistence/group-store';
import { mirrorToOffsetsTopic } from './offsets-topic/offsets-topic-mirror';

export interface CoordinatorModuleOptions {
  /** BROKER_DATA_DIR; the group log lives in its `__coordinator` subdirectory. */
  dataDir: string;
  /** Where group events go: one Redis node or a Sentinel-managed master (`redisTopologyFrom`). */
  redis: RedisTopology;
  /** Stream the group events go to; default `broker:group-events` (tests use their own). */
  eventsStream?: string;
  /** The parsed BROKER_GROUP_* / BROKER_OFFSETS_* settings; what is not given keeps Kafka's default (tests pass only the initial rebalance delay). */
  env?: Partial<CoordinatorEnv>;
}

/** Directory name that can never be taken for a partition directory (`<topic>-<n>`). */
export const COORDINATOR_DIR = '__coordinator';

const EVENTS_REDIS = Symbol('EVENTS_REDIS');
const GROUP_STORE = Symbol('GROUP_STORE');
const OPENED_STORE = Symbol('OPENED_STORE');

/** The group log opened, and when the broker has storage, `__consumer_offsets` beside it. */
interface OpenedStore {
  store: GroupStore;
  loaded: LoadedGroups;
  /** Stops writing `__consumer_offsets` (cleaner stopped, writer flushed); null without storage. */
  closeTopic: (() => Promise<void>) | null;
}

/** Stops the coordinator (answering held requests), then closes the group log and the events connection. */
@Injectable()
class CoordinatorLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly coordinator: GroupCoordinator,
    @Inject(GROUP_STORE) private readonly store: FileGroupStore,
    @Inject(OPENED_STORE) private readonly opened: OpenedStore,
    @Inject(EVENTS_REDIS) private readonly redis: Redis,
    private readonly publisher: RedisGroupEventPublisher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.coordinator.shutdown();
    await this.store.close();
    await this.opened.closeTopic?.();
    await this.publisher.drain();
    await closeRedis(this.redis);
  }
}

/**
 * QUIT when connected. Otherwise disconnect, but first destroy a socket that has already failed: ioredis'
 * disconnect() arms a 2 s ref'd timer that only that socket's next 'close' event clears, and a failed socket never
 * emits one, so the process would linger for 2 s after shutdown.
 */
async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
    return;
  }
  const connector = (redis as unknown as { connector?: { stream?: { destroyed: boolean } | null } }).connector;
  if (connector?.stream?.destroyed) connector.stream = null;
  redis.disconnect();
}

/**
 * The consumer-group coordinator: the GroupCoordinator with its durable group log, the Kafka handlers for the group
 * APIs, Redis events, metrics on the app's Registry, GET /v1/groups and the runbook's GET /consumer-groups. Needs KafkaServerModule (global) imported.
 */
@Module({})
export class CoordinatorModule {
  static register(options: CoordinatorModuleOptions): DynamicModule {
    const env = { ...loadConfig(coordinatorEnv, {}), ...options.env };
    const logger = new Logger('GroupCoordinator');
    return {
      module: CoordinatorModule,
      controllers: [GroupsController, ConsumerGroupsController],
      providers: [
        {
          provide: EVENTS_REDIS,
          useFactory: () => {
            // No offline queue and no retries per command: while Redis is down, events fail fast and are counted.
            const redis = createRedisClient(options.redis, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: 'broker-group-events' });
            redis.on('error', () => undefined);
            redis.connect().catch(() => undefined);
            return redis;
          },
        },
        {
          provide: GROUP_STORE,
          useFactory: () =>
            new FileGroupStore({
              dir: join(options.dataDir, COORDINATOR_DIR),
              fsync: env.BROKER_GROUP_LOG_FSYNC,
              compactRatio: env.BROKER_GROUP_LOG_COMPACT_RATIO,
              compactMinBytes: env.BROKER_GROUP_LOG_COMPACT_MIN_BYTES,
            }),
        },
        {
          provide: CoordinatorMetrics,
          useFactory: (registry?: Registry) => new CoordinatorMetrics(registry ?? new Registry()),
          inject: [{ token: Registry, optional: true }],
        },
        {
          provide: RedisGroupEventPublisher,
          useFactory: (redis: Redis, metrics: CoordinatorMetrics) => new RedisGroupEventPublisher(redis, metrics, { stream: options.eventsStream }),
          inject: [EVENTS_REDIS, CoordinatorMetrics],
        },
        {
          provide: OPENED_STORE,
          useFactory: async (log: FileGroupStore, topics?: TopicRegistry): Promise<OpenedStore> => {
            const { loaded, truncatedBytes } = await log.open();
            if (truncatedBytes > 0) logger.warn(`dropped a torn tail of ${truncatedBytes} bytes from the group log`);
            if (!topics) return { store: log, loaded, closeTopic: null };
            const mirror = await mirrorToOffsetsTopic({
              log,
              loaded,
              state: () => log.snapshot(),
              topics,
              partitions: env.BROKER_OFFSETS_TOPIC_NUM_PARTITIONS,
              onCountMismatch: (existing) =>
                logger.warn(`__consumer_offsets has ${existing} partitions, not BROKER_OFFSETS_TOPIC_NUM_PARTITIONS=${env.BROKER_OFFSETS_TOPIC_NUM_PARTITIONS}; keeping ${existing}`),
              onTopicError: (error) => logger.error(`writing __consumer_offsets failed (repaired from the group log at the next start): ${error.message}`),
            });
            if (mirror.reconciled > 0) logger.log(`appended ${mirror.reconciled} records to __consumer_offsets to match the group log`);
            return { store: mirror.store, loaded, closeTopic: () => mirror.close() };
          },
          inject: [GROUP_STORE, { token: TopicRegistry, optional: true }],
        },
        {
          provide: TOPIC_METADATA,
          useFactory: (topics?: TopicRegistry): TopicMetadata =>
            topics
              ? {
                  get version() {
                    return topics.metadataVersion;
                  },
                  partitionCount: (topic) => topics.describeTopic(topic)?.partitions,
                  topicNames: () => topics.topicNames(),
                  topicId: (topic) => topics.describeTopic(topic)?.topicId,
                  topicName: (topicId) => topics.topicNameById(topicId),
                }
              : NO_TOPICS,
          inject: [{ token: TopicRegistry, optional: true }],
        },
        {
          provide: GroupCoordinator,
          useFactory: (opened: OpenedStore, publisher: RedisGroupEventPublisher, metrics: CoordinatorMetrics, topicMetadata: TopicMetadata) => {
            const { store, loaded } = opened;
            const coordinator = new GroupCoordinator({
              config: coordinatorConfigFrom(env),
              clock: systemClock,
              store,
              events: publisher,
              observer: metrics,
              subscribedTopics: (metadata) => decodeConsumerProtocolSubscription(metadata).topics,
              topics: topicMetadata,
            });
            coordinator.restore(loaded);
            coordinator.start();
            metrics.watch(() => coordinator.stats());
            logger.log(`group coordinator ready with ${loaded.groups.size} stored groups`);
            return coordinator;
          },
          inject: [OPENED_STORE, RedisGroupEventPublisher, CoordinatorMetrics, TOPIC_METADATA],
        },
        {
          provide: PARTITION_EXISTS,
          useFactory: (topics?: TopicRegistry): PartitionExists =>
            topics ? (topic, partition) => topics.partition(topic, partition) !== undefined : () => true,
          inject: [{ token: TopicRegistry, optional: true }],
        },
        // Handlers and controllers inject the part they use, not the whole coordinator.
        { provide: GroupTable, useFactory: (coordinator: GroupCoordinator) => coordinator.groups, inject: [GroupCoordinator] },
        { provide: ClassicGroupStateMachine, useFactory: (coordinator: GroupCoordinator) => coordinator.classic, inject: [GroupCoordinator] },
        { provide: ConsumerGroupStateMachine, useFactory: (coordinator: GroupCoordinator) => coordinator.consumer, inject: [GroupCoordinator] },
        { provide: OffsetManager, useFactory: (coordinator: GroupCoordinator) => coordinator.offsets, inject: [GroupCoordinator] },
        CoordinatorLifecycle,
        FindCoordinatorHandler,
        JoinGroupHandler,
        SyncGroupHandler,
        HeartbeatHandler,
        LeaveGroupHandler,
        OffsetCommitHandler,
        OffsetFetchHandler,
        DescribeGroupsHandler,
        ListGroupsHandler,
        DeleteGroupsHandler,
        OffsetDeleteHandler,
        ConsumerGroupHeartbeatHandler,
        ConsumerGroupDescribeHandler,
      ],
      exports: [GroupCoordinator],
    };
  }
}
