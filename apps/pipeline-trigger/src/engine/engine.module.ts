import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkajsRangeAssigner } from '@app/assignors';
import { PIPELINES_QUEUE } from '@app/domain';
import { REDIS, RedisClient } from '@app/platform';
import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { systemClock } from './clock';
import { ConsumerSupervisor } from './consumer-supervisor';
import type { EngineConfig } from './engine-env';
import { EngineMetrics } from './engine-metrics';
import { JobOutcomeMetrics } from './job-outcome-metrics';
import { KafkaClients } from './kafka-clients';
import { ReplicaWait } from './replica-wait';
import type { ReplicaWaitSettings } from './replica-wait-settings';
import { TriggerPublisher } from './trigger-publisher';
import { WindowStore } from './window-store';
import { WindowTimer } from './window-timer';

/** The BullMQ `pipelines` queue the engine adds jobs to (prefix PIPELINE_QUEUE_PREFIX); others may inject it. */
export const PIPELINES_QUEUE_TOKEN = Symbol('PIPELINES_QUEUE');

interface EngineOptions {
  config: EngineConfig & { KAFKA_BROKERS: string[]; KAFKA_CLIENT_ID: string };
  /** `replicaWaitSettings` of the config and the Redis topology. */
  replicaWait: ReplicaWaitSettings;
  logger: Logger;
}

@Injectable()
class EngineShutdown implements BeforeApplicationShutdown {
  constructor(
    @Inject(ConsumerSupervisor) private readonly supervisor: ConsumerSupervisor,
    @Inject(PIPELINES_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(JobOutcomeMetrics) private readonly jobOutcomes: JobOutcomeMetrics,
  ) {}

  /** Before Redis and Kafka close: consumers finish their batch, commit, leave; leases are released. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.supervisor.stopAll();
    await this.jobOutcomes.close();
    await this.queue.close();
  }
}

/** Wires the counting engine; `ConsumerSupervisor` is what the API and start-up loading call. */
@Module({})
export class EngineModule {
  static forRoot(options: EngineOptions): DynamicModule {
    const { config, logger, replicaWait } = options;
    return {
      module: EngineModule,
      providers: [
        { provide: EngineMetrics, inject: [Registry], useFactory: (registry: Registry) => new EngineMetrics(registry) },
        { provide: WindowStore, inject: [REDIS], useFactory: (redis: RedisClient) => new WindowStore(redis, systemClock) },
        // On the window store's connection: WAIT answers for the writes of the connection it is sent on.
        { provide: ReplicaWait, inject: [REDIS], useFactory: (redis: RedisClient) => new ReplicaWait(redis, replicaWait) },
        {
          provide: PIPELINES_QUEUE_TOKEN,
          inject: [REDIS],
          useFactory: (redis: RedisClient) => new Queue(PIPELINES_QUEUE, { connection: redis, prefix: config.PIPELINE_QUEUE_PREFIX }),
        },
        {
          provide: JobOutcomeMetrics,
          inject: [REDIS, EngineMetrics],
          useFactory: (redis: RedisClient, metrics: EngineMetrics) => new JobOutcomeMetrics(redis, PIPELINES_QUEUE, config.PIPELINE_QUEUE_PREFIX, metrics, logger),
        },
        {
          provide: TriggerPublisher,
          inject: [WindowStore, PIPELINES_QUEUE_TOKEN, REDIS, EngineMetrics, ReplicaWait],
          useFactory: (store: WindowStore, queue: Queue, redis: RedisClient, metrics: EngineMetrics, wait: ReplicaWait) =>
            new TriggerPublisher(
              store,
              queue,
              redis,
              { triggersStream: config.PIPELINE_TRIGGERS_STREAM, triggersMaxLen: config.PIPELINE_TRIGGERS_MAXLEN, jobRetentionSeconds: config.PIPELINE_JOB_RETENTION_SECONDS },
              systemClock,
              metrics,
              logger.child({ component: 'trigger-publisher' }),
              wait,
            ),
        },
        {
          provide: ConsumerSupervisor,
          inject: [Kafka, WindowStore, TriggerPublisher, EngineMetrics, ReplicaWait],
          useFactory: (kafka: Kafka, store: WindowStore, publisher: TriggerPublisher, metrics: EngineMetrics, wait: ReplicaWait) => {
            const clients = new KafkaClients(kafka, { brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID, logger });
            const owner = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
            const engineLogger = logger.child({ component: 'engine' });
            const timer = new WindowTimer(
              () => supervisor.consumers(),
              store,
              publisher,
              owner,
              { intervalMs: config.PIPELINE_TIMER_INTERVAL_MS, leaseTtlMs: config.PIPELINE_TIMER_LEASE_TTL_MS, resendAfterMs: config.PIPELINE_OUTBOX_RESEND_AFTER_MS },
              engineLogger,
            );
            const sessionTimeout = config.PIPELINE_KAFKA_SESSION_TIMEOUT_MS;
            const supervisor: ConsumerSupervisor = new ConsumerSupervisor({
              kafkaConsumer: (groupId, consumerConfig) =>
                clients.clientFor(consumerConfig).consumer({
                  groupId,
                  partitionAssigners: [kafkajsRangeAssigner],
                  sessionTimeout,
                  heartbeatInterval: Math.max(100, Math.floor(sessionTimeout / 10)),
                  maxWaitTimeInMs: Math.round(consumerConfig.poll_timeout * 1000),
                }),
              kafkaProducer: (consumerConfig) => clients.clientFor(consumerConfig).producer(),
              kafkaClients: clients,
              store,
              publisher,
              metrics,
              replicaWait: wait,
              timer,
              clock: systemClock,
              logger: engineLogger,
              baseGroupId: config.PIPELINE_BASE_GROUP_ID,
              groupDeleteWaitMs: config.PIPELINE_GROUP_DELETE_WAIT_MS,
              sleep: (ms) => sleep(ms),
            });
            return supervisor;
          },
        },
        EngineShutdown,
      ],
      exports: [ConsumerSupervisor, PIPELINES_QUEUE_TOKEN, EngineMetrics],
    };
  }
}
