import { DynamicModule, Inject, Injectable, Module, ModuleMetadata, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DbClient, PRISMA } from '@app/db';
import { PIPELINES_QUEUE, type PipelineTriggerEvent } from '@app/domain';
import { duplicateRedisClient, REDIS, RedisClient } from '@app/platform';
import { Queue, QueueEvents } from 'bullmq';
import type { Logger } from 'pino';
import { TriggerHistoryStore } from '../store/trigger-history-store';
import { JobStatusTracker } from './job-status-tracker';
import { TriggerHistorySink } from './trigger-history-sink';

/** Where triggers come from: the engine's supervisor (`onTrigger`). */
export interface TriggerSource {
  onTrigger(listener: (trigger: PipelineTriggerEvent) => void | Promise<void>): () => void;
}

export const TRIGGER_SOURCE = Symbol('TRIGGER_SOURCE');
const JOB_STATUS_EVENTS = Symbol('JOB_STATUS_EVENTS');
const STATUS_LOGGER = Symbol('STATUS_LOGGER');
const JOB_STATUS_CONNECTION = Symbol('JOB_STATUS_CONNECTION');

@Injectable()
class StatusTracking implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stopListening: () => void;

  constructor(
    private readonly tracker: JobStatusTracker,
    private readonly sink: TriggerHistorySink,
    @Inject(TRIGGER_SOURCE) source: TriggerSource,
    @Inject(JOB_STATUS_EVENTS) private readonly events: QueueEvents,
    @Inject(JOB_STATUS_CONNECTION) private readonly connection: RedisClient,
    @Inject(STATUS_LOGGER) private readonly logger: Logger,
  ) {
    // Listening from construction, before any bootstrap hook starts a consumer, so no trigger goes unrecorded.
    this.stopListening = source.onTrigger(sink.onTrigger);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.tracker.attach(this.events);
    await this.events.waitUntilReady();
    // Catching up is best effort: with Postgres not there yet the service still starts, and rows
    // not caught up now follow their job's next event.
    try {
      const written = await this.sink.backfill();
      if (written > 0) this.logger.info({ written }, 'trigger history rows written from the queue after start');
      const updated = await this.tracker.resyncUnfinished();
      if (updated > 0) this.logger.info({ updated }, 'pipeline job statuses caught up after start');
    } catch (error) {
      this.logger.error({ err: error }, 'pipeline job statuses not caught up after start');
    }
  }

  /**
   * After every before-shutdown hook: the engine stops its consumers there, and a batch it finishes
   * may still close a window, whose history row this listener writes.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopListening();
    this.sink.stop();
    this.tracker.detach();
    await this.events.close();
    // BullMQ does not close a connection it was handed.
    this.connection.disconnect();
  }
}

/**
 * The trigger history's writers: a row per trigger (the engine's listener) and its status from
 * BullMQ's queue events. Its own QueueEvents connection, since reading the event stream blocks.
 */
@Module({})
export class StatusTrackingModule {
  static forRoot(options: {
    queuePrefix: string;
    logger: Logger;
    /** Provides TRIGGER_SOURCE and `queueToken` (the engine's supervisor and its `pipelines` queue). */
    imports: ModuleMetadata['imports'];
    triggerSource: Provider;
    queueToken: symbol;
  }): DynamicModule {
    const logger = options.logger.child({ context: 'JobStatusTracker' });
    return {
      module: StatusTrackingModule,
      imports: options.imports,
      providers: [
        options.triggerSource,
        { provide: STATUS_LOGGER, useValue: logger },
        { provide: TriggerHistoryStore, inject: [PRISMA], useFactory: (prisma: DbClient) => new TriggerHistoryStore(prisma) },
        {
          provide: JOB_STATUS_CONNECTION,
          inject: [REDIS],
          useFactory: (redis: RedisClient) => duplicateRedisClient(redis, { connectionName: 'pipeline-trigger:job-status', maxRetriesPerRequest: null }),
        },
        {
          provide: JOB_STATUS_EVENTS,
          inject: [JOB_STATUS_CONNECTION],
          useFactory: (connection: RedisClient) => {
            const events = new QueueEvents(PIPELINES_QUEUE, { connection, prefix: options.queuePrefix });
            events.on('error', (error) => logger.warn({ err: error }, 'pipeline job status connection error'));
            return events;
          },
        },
        {
          provide: JobStatusTracker,
          inject: [TriggerHistoryStore, options.queueToken],
          useFactory: (history: TriggerHistoryStore, queue: Queue) => new JobStatusTracker(history, queue, () => Date.now(), logger),
        },
        {
          provide: TriggerHistorySink,
          inject: [TriggerHistoryStore, JobStatusTracker, options.queueToken],
          useFactory: (history: TriggerHistoryStore, tracker: JobStatusTracker, queue: Queue) => new TriggerHistorySink(history, tracker, queue, logger),
        },
        StatusTracking,
      ],
    };
  }
}
