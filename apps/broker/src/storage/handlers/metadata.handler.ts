import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type MetadataRequest,
  type MetadataResponse,
  type MetadataRequestTopic,
  type MetadataResponseTopic,
  isZeroUuid,
  uuidFromBytes,
  uuidToBytes,
} from '@app/kafka-protocol';
import { isInternalTopic } from '../topics/topic-name';
import { TopicRegistry } from '../topics/topic-registry';
import { BrokerIdentity } from '../../server/broker-identity';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import type { RequestContext } from '../../server/request-context';
import { kafkaErrorCodeOf } from './kafka-error-code';

/**
 * Metadata 0-12: this node is every partition's leader, sole replica and ISR, and the controller.
 * "All topics" is an empty list in v0 and null from v1. Requested unknown topics are auto-created
 * when the request allows it (v4+, always before) and the broker has auto-creation on.
 * Leader epochs (v7+, KIP-320) are always 0: one node, leadership never moves, and an epoch that never
 * goes backwards is what newer clients fence on. Topic ids (v10+, KIP-516) are the registry's; a topic
 * asked for by id alone (v12; Apache refuses it before) that does not exist is UNKNOWN_TOPIC_ID.
 * Authorized operations (v8+) are not computed: the spec's "not requested" value stays. Topics named `__...`
 * are reported internal (v1+), see isInternalTopic.
 */
@KafkaApi(ApiKey.Metadata, { versions: [0, 12] })
export class MetadataHandler implements KafkaHandler<MetadataRequest, MetadataResponse> {
  private readonly logger = new Logger('MetadataHandler');

  constructor(
    private readonly topics: TopicRegistry,
    private readonly identity: BrokerIdentity,
  ) {}

  async handle(req: MetadataRequest, ctx: RequestContext): Promise<MetadataResponse> {
    const all = req.topics === null || (ctx.apiVersion === 0 && req.topics.length === 0);
    const allowAutoCreate = req.allowAutoTopicCreation ?? true;
    const topics = all
      ? await Promise.all(this.topics.listTopics().map((t) => this.describe(t.name, false)))
      : await Promise.all(req.topics!.map((t) => this.describeRequested(t, allowAutoCreate, ctx.apiVersion)));
    const { nodeId, advertisedHost, advertisedPort, clusterId } = this.identity;
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId, host: advertisedHost, port: advertisedPort, rack: null }],
      clusterId,
      controllerId: nodeId,
      topics,
    };
  }

  private describeRequested(t: MetadataRequestTopic, allowAutoCreate: boolean, version: number): Promise<MetadataResponseTopic> | MetadataResponseTopic {
    if (t.name !== null) return this.describe(t.name, allowAutoCreate);
    // A null name is only meaningful with an id, and ids are only accepted from v12 (as Apache 3.9); before v12
    // the answer cannot carry a null name either.
    const base = { name: version < 12 ? '' : null, isInternal: false, partitions: [], topicId: t.topicId };
    if (version < 12 || t.topicId === undefined || isZeroUuid(t.topicId)) return { ...base, errorCode: ErrorCode.INVALID_REQUEST };
    const name = this.topics.topicNameById(uuidFromBytes(t.topicId));
    if (name === undefined) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_ID };
    return this.describe(name, false);
  }

  private async describe(name: string, allowAutoCreate: boolean): Promise<MetadataResponseTopic> {
    const base = { name, isInternal: isInternalTopic(name), partitions: [] };
    let partitions: number;
    let topicId: Buffer;
    try {
      const topic = await this.topics.getOrCreate(name, allowAutoCreate);
      if (!topic) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      partitions = topic.partitions;
      topicId = uuidToBytes(topic.topicId);
    } catch (err) {
      return { ...base, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'Metadata', topic: name }) };
    }
    const nodeId = this.identity.nodeId;
    return {
      ...base,
      errorCode: 0,
      topicId,
      partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({
        errorCode: 0,
        partitionIndex,
        leaderId: nodeId,
        leaderEpoch: 0,
        replicaNodes: [nodeId],
        isrNodes: [nodeId],
        offlineReplicas: [],
      })),
    };
  }
}
