import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type CreateTopicsRequest,
  type CreateTopicsRequestCreatableTopic,
  type CreateTopicsResponse,
  type CreateTopicsResponseCreatableTopicResult,
  uuidToBytes,
} from '@app/kafka-protocol';
import { describeTopicConfig, resolveTopicConfig } from '../topics/topic-config';
import { TopicRegistry, type TopicDescription } from '../topics/topic-registry';
import { BrokerIdentity } from '../../server/broker-identity';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { errorMessageOf, kafkaErrorCodeOf } from './kafka-error-code';
import { listedTwiceResult, topicsListedTwice } from './topics-listed-twice';

/** ConfigSource values of CreateTopics v5+ configs, as in DescribeConfigs. */
const SOURCE = { topic: 1, default: 5 } as const;

/**
 * CreateTopics 0-7. Validation (name, partition count, replication factor, configs, existing topic)
 * is the topic registry's; this handler adds the request-level rules: a name listed twice is
 * INVALID_REQUEST, and manual replica assignments may only name this node. From v5 (KIP-525) a created
 * (or validated) topic is answered with its partition count, replication factor and every config with its
 * effective value; from v7 (KIP-516) with its topic id (zero for validate-only, as Apache).
 */
@KafkaApi(ApiKey.CreateTopics, { versions: [0, 7] })
export class CreateTopicsHandler implements KafkaHandler<CreateTopicsRequest, CreateTopicsResponse> {
  private readonly logger = new Logger('CreateTopicsHandler');

  constructor(
    private readonly topics: TopicRegistry,
    private readonly identity: BrokerIdentity,
  ) {}

  async handle(req: CreateTopicsRequest): Promise<CreateTopicsResponse> {
    const twice = topicsListedTwice(req.topics);
    const topics = await Promise.all(
      req.topics.map((t) =>
        twice.has(t.name) ? listedTwiceResult(t.name) : this.create(t, req.validateOnly ?? false),
      ),
    );
    return { throttleTimeMs: 0, topics };
  }

  private async create(
    t: CreateTopicsRequestCreatableTopic,
    validateOnly: boolean,
  ): Promise<CreateTopicsResponseCreatableTopicResult> {
    let numPartitions = t.numPartitions;
    let replicationFactor = t.replicationFactor;
    if (t.assignments.length > 0) {
      if (numPartitions !== -1 || replicationFactor !== -1) {
        return {
          name: t.name,
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: 'both replica assignments and partition count/replication factor were given',
        };
      }
      const nodeId = this.identity.nodeId;
      const ok = t.assignments.every((a, i) => a.partitionIndex === i && a.brokerIds.length === 1 && a.brokerIds[0] === nodeId);
      if (!ok) {
        return {
          name: t.name,
          errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          errorMessage: `assignments must cover partitions 0..n-1, each on broker ${nodeId} only`,
        };
      }
      numPartitions = t.assignments.length;
      replicationFactor = 1;
    }
    const configs = Object.fromEntries(t.configs.map((c) => [c.name, c.value]));
    try {
      const created = await this.topics.createTopic({ name: t.name, numPartitions, replicationFactor, configs, validateOnly });
      return { name: t.name, errorCode: 0, errorMessage: null, ...this.createdTopic(created, validateOnly) };
    } catch (err) {
      return {
        name: t.name,
        errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'CreateTopics', topic: t.name }),
        errorMessage: errorMessageOf(err),
      };
    }
  }

  private createdTopic(created: TopicDescription, validateOnly: boolean): Partial<CreateTopicsResponseCreatableTopicResult> {
    const { config } = resolveTopicConfig(created.configs, this.topics.settings.defaults);
    return {
      topicId: validateOnly ? undefined : uuidToBytes(created.topicId),
      numPartitions: created.partitions,
      replicationFactor: 1,
      configs: describeTopicConfig(created.configs, this.topics.withBrokerFlush(config)).map((c) => ({
        name: c.name,
        value: c.value,
        readOnly: c.readOnly,
        configSource: c.source === 'TOPIC_CONFIG' ? SOURCE.topic : SOURCE.default,
        isSensitive: c.sensitive,
      })),
    };
  }
}
