import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { TopicsController } from '../http/topics.controller';
import { LogMetrics } from '../log/log-metrics';
import { ProducerIdAllocator } from '../producers/producer-id-allocator';
import { StorageSettings, storageSettingsFromEnv } from './storage-settings';
import { nestStorageLogger } from './nest-storage-logger';
import { TopicRegistry } from './topic-registry';
import { TopicsLifecycle } from './topics-lifecycle';

export const STORAGE_SETTINGS = Symbol('STORAGE_SETTINGS');

/**
 * The broker's storage: TopicRegistry (topics and their partition logs), ProducerIdAllocator, the
 * log metrics on the app's prom-client Registry, and the GET /v1/topics admin endpoints. The module
 * reads no environment: `settings` (the app passes `storageSettingsFrom(config)`) go over the
 * defaults of `storageEnv`.
 */
@Module({})
export class TopicsModule {
  static forRoot(settings: Partial<StorageSettings> = {}): DynamicModule {
    return {
      module: TopicsModule,
      controllers: [TopicsController],
      providers: [
        { provide: STORAGE_SETTINGS, useValue: { ...storageSettingsFromEnv({}), ...settings } satisfies StorageSettings },
        {
          provide: LogMetrics,
          useFactory: (registry?: Registry) => (registry ? new LogMetrics(registry) : undefined),
          inject: [{ token: Registry, optional: true }],
        },
        {
          provide: TopicRegistry,
          useFactory: (settings: StorageSettings, metrics?: LogMetrics) => {
            const topics = new TopicRegistry(settings, nestStorageLogger('Storage'), metrics);
            metrics?.watch(() => topics.allPartitions());
            return topics;
          },
          inject: [STORAGE_SETTINGS, { token: LogMetrics, optional: true }],
        },
        {
          provide: ProducerIdAllocator,
          useFactory: (settings: StorageSettings) => new ProducerIdAllocator(settings.dataDir),
          inject: [STORAGE_SETTINGS],
        },
        TopicsLifecycle,
      ],
      exports: [TopicRegistry, ProducerIdAllocator, STORAGE_SETTINGS],
    };
  }
}
