import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type CreatePartitionsRequest,
  type CreatePartitionsRequestCreatePartitionsTopic,
  type CreatePartitionsResponse,
  type CreatePartitionsResponseCreatePartitionsTopicResult,
} from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { listedTwiceResult, topicsListedTwice } from './topics-listed-twice';
import { BrokerIdentity } from '../../server/broker-identity';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { errorMessageOf, kafkaErrorCodeOf } from './kafka-error-code';

/**
 * CreatePartitions 0-3 (KIP-195; v2+ flexible, v3 is v2 as Apache numbers it). Growing the count is the topic
 * registry's (unknown topic UNKNOWN_TOPIC_OR_PARTITION, a count not above the current one INVALID_PARTITIONS);
 * this handler adds the request-level rules: a topic listed twice is INVALID_REQUEST, and manual assignments
 * must give one list per new partition naming only this node (INVALID_REPLICA_ASSIGNMENT otherwise).
 */
@KafkaApi(ApiKey.CreatePartitions, { versions: [0, 3] })
export class CreatePartitionsHandler implements KafkaHandler<CreatePartitionsRequest, CreatePartitionsResponse> {
  private readonly logger = new Logger('CreatePartitionsHandler');

  constructor(
    private readonly topics: TopicRegistry,
    private readonly identity: BrokerIdentity,
  ) {}

  async handle(req: CreatePartitionsRequest): Promise<CreatePartitionsResponse> {
    const twice = topicsListedTwice(req.topics);
    const results = await Promise.all(
      req.topics.map((t) =>
        twice.has(t.name) ? listedTwiceResult(t.name) : this.grow(t, req.validateOnly),
      ),
    );
    return { throttleTimeMs: 0, results };
  }

  private async grow(t: CreatePartitionsRequestCreatePartitionsTopic, validateOnly: boolean): Promise<CreatePartitionsResponseCreatePartitionsTopicResult> {
    const current = this.topics.describeTopic(t.name)?.partitions;
    if (t.assignments !== null && current !== undefined) {
      const nodeId = this.identity.nodeId;
      const ok = t.assignments.length === t.count - current && t.assignments.every((a) => a.brokerIds.length === 1 && a.brokerIds[0] === nodeId);
      if (!ok) {
        return {
          name: t.name,
          errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          errorMessage: `assignments must list each of the ${Math.max(t.count - current, 0)} new partitions on broker ${nodeId} only`,
        };
      }
    }
    try {
      await this.topics.createPartitions(t.name, t.count, validateOnly);
      return { name: t.name, errorCode: ErrorCode.NONE, errorMessage: null };
    } catch (err) {
      return { name: t.name, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'CreatePartitions', topic: t.name }), errorMessage: errorMessageOf(err) };
    }
  }
}
