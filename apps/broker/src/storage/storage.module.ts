import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { TopicsController } from './topics/topics.controller';
import { LogMetrics } from './log/log-metrics';
import { ProducerIdAllocator } from './producers/producer-id-allocator';
import { StorageSettings, storageSettingsFromEnv } from './topics/storage-settings';
import { nestStorageLogger } from './topics/nest-storage-logger';
import { TopicRegistry } from './topics/topic-registry';
import { TopicsLifecycle } from './topics/topics-lifecycle';
import { CreatePartitionsHandler } from './handlers/create-partitions.handler';
import { CreateTopicsHandler } from './handlers/create-topics.handler';
import { DescribeClusterHandler } from './handlers/describe-cluster.handler';
import { DeleteRecordsHandler } from './handlers/delete-records.handler';
import { DeleteTopicsHandler } from './handlers/delete-topics.handler';
import { DescribeConfigsHandler } from './handlers/describe-configs.handler';
import { FetchHandler } from './handlers/fetch.handler';
import { InitProducerIdHandler } from './handlers/init-producer-id.handler';
import { ListOffsetsHandler } from './handlers/list-offsets.handler';
import { MetadataHandler } from './handlers/metadata.handler';
import { OffsetForLeaderEpochHandler } from './handlers/offset-for-leader-epoch.handler';
import { ProduceHandler } from './handlers/produce.handler';

export const STORAGE_SETTINGS = Symbol('STORAGE_SETTINGS');

/**
 * The broker's storage: TopicRegistry (topics and their partition logs), ProducerIdAllocator, the
 * log metrics on the app's prom-client Registry, the data-plane Kafka APIs (Metadata, Produce, Fetch,
 * ListOffsets, CreateTopics, DeleteTopics, DescribeConfigs, InitProducerId; KafkaServerModule's
 * registry finds them) and the GET /v1/topics admin endpoints. The module
 * reads no environment: `settings` (the app passes `storageSettingsFrom(config)`) go over the
 * defaults of `storageEnv`.
 */
@Module({})
export class StorageModule {
  static forRoot(settings: Partial<StorageSettings> = {}): DynamicModule {
    return {
      module: StorageModule,
      // Global: the coordinator checks committed partitions against TopicRegistry without being handed this module.
      global: true,
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
        MetadataHandler,
        ProduceHandler,
        FetchHandler,
        ListOffsetsHandler,
        CreateTopicsHandler,
        DeleteTopicsHandler,
        DescribeConfigsHandler,
        InitProducerIdHandler,
        CreatePartitionsHandler,
        DescribeClusterHandler,
        OffsetForLeaderEpochHandler,
        DeleteRecordsHandler,
      ],
      exports: [TopicRegistry, ProducerIdAllocator, STORAGE_SETTINGS],
    };
  }
}
