import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type MetadataRequest,
  type MetadataResponse,
  type MetadataResponseTopic,
} from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { BrokerIdentity } from '../../server/broker-identity';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import type { RequestContext } from '../../server/request-context';
import { kafkaErrorCodeOf } from './kafka-error-code';

/**
 * Metadata 0-6: this node is every partition's leader, sole replica and ISR, and the controller.
 * "All topics" is an empty list in v0 and null from v1. Requested unknown topics are auto-created
 * when the request allows it (v4+, always before) and the broker has auto-creation on.
 */
@KafkaApi(ApiKey.Metadata, { versions: [0, 6] })
export class MetadataHandler implements KafkaHandler<MetadataRequest, MetadataResponse> {
  private readonly logger = new Logger('MetadataHandler');

  constructor(
    private readonly topics: TopicRegistry,
    private readonly identity: BrokerIdentity,
  ) {}

  async handle(req: MetadataRequest, ctx: RequestContext): Promise<MetadataResponse> {
    const all = req.topics === null || (ctx.apiVersion === 0 && req.topics.length === 0);
    const names = all ? this.topics.listTopics().map((t) => t.name) : req.topics!.map((t) => t.name ?? '');
    const allowAutoCreate = req.allowAutoTopicCreation ?? true;
    const topics = await Promise.all(names.map((name) => this.describe(name, !all && allowAutoCreate)));
    const { nodeId, advertisedHost, advertisedPort, clusterId } = this.identity;
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId, host: advertisedHost, port: advertisedPort, rack: null }],
      clusterId,
      controllerId: nodeId,
      topics,
    };
  }

  private async describe(name: string, allowAutoCreate: boolean): Promise<MetadataResponseTopic> {
    const base = { name, isInternal: false, partitions: [] };
    let partitions: number;
    try {
      const topic = await this.topics.getOrCreate(name, allowAutoCreate);
      if (!topic) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      partitions = topic.partitions;
    } catch (err) {
      return { ...base, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'Metadata', topic: name }) };
    }
    const nodeId = this.identity.nodeId;
    return {
      ...base,
      errorCode: 0,
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
