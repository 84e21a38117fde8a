import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { CreateTopicsHandler } from './create-topics.handler';
import { DeleteTopicsHandler } from './delete-topics.handler';
import { DescribeConfigsHandler } from './describe-configs.handler';
import { FetchHandler } from './fetch.handler';
import { InitProducerIdHandler } from './init-producer-id.handler';
import { ListOffsetsHandler } from './list-offsets.handler';
import { MetadataHandler } from './metadata.handler';
import { ProduceHandler } from './produce.handler';

/**
 * Registers the topic and record APIs with the Kafka server. `storage` must export TopicRegistry and
 * ProducerIdAllocator (the broker's TopicsModule); KafkaServerModule must be imported by the app.
 */
@Module({})
export class DataPlaneHandlersModule {
  static register(storage: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: DataPlaneHandlersModule,
      imports: storage,
      providers: [
        MetadataHandler,
        ProduceHandler,
        FetchHandler,
        ListOffsetsHandler,
        CreateTopicsHandler,
        DeleteTopicsHandler,
        DescribeConfigsHandler,
        InitProducerIdHandler,
      ],
    };
  }
}
