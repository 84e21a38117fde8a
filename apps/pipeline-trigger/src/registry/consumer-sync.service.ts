import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { ConsumerConfig } from '../config-model/consumer-config';
import { ConsumerStore } from '../store/consumer-store';
import { ConsumerReconciler } from './consumer-reconciler';

export const FILE_CONSUMERS = Symbol('FILE_CONSUMERS');
export const CONSUMERS_SYNC_INTERVAL_MS = Symbol('CONSUMERS_SYNC_INTERVAL_MS');

/**
 * Start-up and upkeep of the consumer set: mirror the config file into Postgres, start every
 * stored consumer (so one created over REST survives a restart), then re-read the table on an
 * interval to pick up changes made through another replica.
 */
@Injectable()
export class ConsumerSyncService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private fileSynced = false;

  constructor(
    private readonly store: ConsumerStore,
    private readonly reconciler: ConsumerReconciler,
    @Inject(FILE_CONSUMERS) private readonly fileConsumers: ConsumerConfig[],
    @Inject(CONSUMERS_SYNC_INTERVAL_MS) private readonly intervalMs: number,
    @InjectPinoLogger(ConsumerSyncService.name) private readonly logger: PinoLogger,
  ) {}

  /**
   * A first sync before the service reports started; if Postgres is not there yet, the service
   * still starts (readiness says postgres is down) and the interval keeps trying.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.syncOnce();
    this.timer = setInterval(() => void this.syncOnce(), this.intervalMs);
    this.timer.unref();
  }

  private async syncOnce(): Promise<void> {
    try {
      if (!this.fileSynced) {
        const { takenOver, removed } = await this.store.syncFileConsumers(this.fileConsumers);
        this.fileSynced = true;
        for (const consumerId of takenOver) this.logger.warn({ consumerId }, 'the consumers file defines a consumer created over the API; the file wins');
        if (removed.length > 0) this.logger.info({ removed }, 'consumers no longer in the consumers file were removed');
      }
      await this.reconciler.syncAll();
    } catch (error) {
      this.logger.error({ err: error }, 'consumer sync failed; retrying at the next interval');
    }
  }

  /** Nest destroys modules before any shutdown hook runs, so no sync starts a consumer while the engine stops them. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.reconciler.drain();
  }
}
