import { Logger } from '@nestjs/common';
import { ApiKey, type DeleteTopicsRequest, type DeleteTopicsResponse } from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { kafkaErrorCodeOf } from './kafka-error-code';

/** DeleteTopics 0-3: by name; an unknown topic is UNKNOWN_TOPIC_OR_PARTITION. */
@KafkaApi(ApiKey.DeleteTopics, { versions: [0, 3] })
export class DeleteTopicsHandler implements KafkaHandler<DeleteTopicsRequest, DeleteTopicsResponse> {
  private readonly logger = new Logger('DeleteTopicsHandler');

  constructor(private readonly topics: TopicRegistry) {}

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
