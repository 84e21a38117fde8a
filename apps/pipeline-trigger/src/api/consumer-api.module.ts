import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { DbClient, PRISMA } from '@app/db';
import type { Logger } from 'pino';
import type { ConsumerConfig } from '../config-model/consumer-config';
import { ConsumerReconciler } from '../registry/consumer-reconciler';
import { ConsumerRegistry } from '../registry/consumer-registry';
import { CONSUMER_RUNTIME, ConsumerRuntime } from '../registry/consumer-runtime';
import { CONSUMERS_SYNC_INTERVAL_MS, ConsumerSyncService, FILE_CONSUMERS } from '../registry/consumer-sync.service';
import { ConsumerStore } from '../store/consumer-store';
import { TriggerHistoryStore } from '../store/trigger-history-store';
import { ConsumersController } from './consumers.controller';

export interface ConsumerApiOptions {
  fileConsumers: ConsumerConfig[];
  syncIntervalMs: number;
  logger: Logger;
  /** Provides `CONSUMER_RUNTIME`, e.g. `{ provide: CONSUMER_RUNTIME, useExisting: <the engine's supervisor> }`. */
  runtime: Provider;
  /** The modules the runtime provider needs (the engine's). */
  imports?: ModuleMetadata['imports'];
}

/** The consumer REST API and what stands behind it: the Postgres stores, the reconciler, the start-up sync. */
@Module({})
export class ConsumerApiModule {
  static forRoot(options: ConsumerApiOptions): DynamicModule {
    return {
      module: ConsumerApiModule,
      imports: options.imports ?? [],
      controllers: [ConsumersController],
      providers: [
        options.runtime,
        { provide: FILE_CONSUMERS, useValue: options.fileConsumers },
        { provide: CONSUMERS_SYNC_INTERVAL_MS, useValue: options.syncIntervalMs },
        {
          provide: ConsumerStore,
          inject: [PRISMA],
          useFactory: (prisma: DbClient) =>
            new ConsumerStore(prisma, undefined, (consumerId, problem) => options.logger.error({ consumerId, problem }, 'stored consumer configuration is invalid; the consumer is not run')),
        },
        { provide: TriggerHistoryStore, useFactory: (prisma: DbClient) => new TriggerHistoryStore(prisma), inject: [PRISMA] },
        {
          provide: ConsumerReconciler,
          useFactory: (store: ConsumerStore, runtime: ConsumerRuntime) => new ConsumerReconciler(store, runtime, options.logger.child({ context: 'ConsumerReconciler' })),
          inject: [ConsumerStore, CONSUMER_RUNTIME],
        },
        {
          provide: ConsumerRegistry,
          useFactory: (store: ConsumerStore, history: TriggerHistoryStore, reconciler: ConsumerReconciler, runtime: ConsumerRuntime) =>
            new ConsumerRegistry(store, history, reconciler, runtime),
          inject: [ConsumerStore, TriggerHistoryStore, ConsumerReconciler, CONSUMER_RUNTIME],
        },
        ConsumerSyncService,
      ],
      exports: [TriggerHistoryStore, ConsumerStore],
    };
  }
}
