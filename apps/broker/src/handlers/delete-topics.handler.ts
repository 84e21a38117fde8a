import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ApiKey, type DeleteTopicsRequest, type DeleteTopicsResponse } from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { HandlerRegistry, type KafkaHandler } from '../server/handler-registry';
import { kafkaErrorCodeOf } from './kafka-error-code';

/** DeleteTopics 0-3: by name; an unknown topic is UNKNOWN_TOPIC_OR_PARTITION. */
@Injectable()
export class DeleteTopicsHandler implements KafkaHandler<DeleteTopicsRequest, DeleteTopicsResponse>, OnModuleInit {
  readonly apiKey = ApiKey.DeleteTopics;
  readonly minVersion = 0;
  readonly maxVersion = 3;
  private readonly logger = new Logger('DeleteTopicsHandler');

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly topics: TopicRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(req: DeleteTopicsRequest): Promise<DeleteTopicsResponse> {
    const names = req.topicNames ?? [];
    const responses = await Promise.all(
      names.map(async (name) => {
        try {
          await this.topics.deleteTopic(name);
          return { name, errorCode: 0 };
        } catch (err) {
          return { name, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'DeleteTopics', topic: name }) };
        }
      }),
    );
    return { throttleTimeMs: 0, responses };
  }
}
