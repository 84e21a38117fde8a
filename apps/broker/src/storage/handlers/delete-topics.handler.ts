import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse,
  type DeleteTopicsResponseDeletableTopicResult,
  ZERO_UUID,
  isZeroUuid,
  uuidFromBytes,
  uuidToBytes,
} from '@app/kafka-protocol';
import { isInternalTopic } from '../topics/topic-name';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import type { RequestContext } from '../../server/request-context';
import { errorMessageOf, kafkaErrorCodeOf } from './kafka-error-code';

/**
 * DeleteTopics 0-6: by name; from v6 (KIP-516) each topic by name or by id. An unknown name is
 * UNKNOWN_TOPIC_OR_PARTITION, an unknown id UNKNOWN_TOPIC_ID; naming a topic both ways, or by neither, is
 * INVALID_REQUEST for that topic, as Apache answers. v6 answers carry the deleted topic's id beside its name.
 * Internal topics (`__consumer_offsets`, which the group coordinator writes) are refused with
 * INVALID_TOPIC_EXCEPTION, as Apache refuses to delete its internal topics.
 */
@KafkaApi(ApiKey.DeleteTopics, { versions: [0, 6] })
export class DeleteTopicsHandler implements KafkaHandler<DeleteTopicsRequest, DeleteTopicsResponse> {
  private readonly logger = new Logger('DeleteTopicsHandler');

  constructor(private readonly topics: TopicRegistry) {}

  async handle(req: DeleteTopicsRequest, ctx: RequestContext): Promise<DeleteTopicsResponse> {
    // Before v6 the codec fills the absent `topics` with its default (an empty list): the version decides.
    const targets = ctx.apiVersion >= 6 ? (req.topics ?? []) : (req.topicNames ?? []).map((name) => ({ name, topicId: ZERO_UUID }));
    const responses = await Promise.all(targets.map((t) => this.delete(t.name, t.topicId)));
    return { throttleTimeMs: 0, responses };
  }

  private async delete(requestedName: string | null, topicId: Buffer): Promise<DeleteTopicsResponseDeletableTopicResult> {
    const byId = !isZeroUuid(topicId);
    if (byId === (requestedName !== null)) {
      return { name: requestedName, topicId, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'name a topic by its name or by its id' };
    }
    const name = byId ? this.topics.topicNameById(uuidFromBytes(topicId)) : (requestedName ?? undefined);
    if (name === undefined) {
      return { name: null, topicId, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, errorMessage: 'no topic has this id' };
    }
    const id = this.topics.describeTopic(name)?.topicId;
    if (isInternalTopic(name) && id !== undefined) {
      return { name, topicId, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: `Topic ${name} is an internal topic and is not allowed to be deleted.` };
    }
    try {
      await this.topics.deleteTopic(name);
      return { name, topicId: id === undefined ? ZERO_UUID : uuidToBytes(id), errorCode: 0, errorMessage: null };
    } catch (err) {
      return { name, topicId, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'DeleteTopics', topic: name }), errorMessage: errorMessageOf(err) };
    }
  }
}
