import { Inject } from '@nestjs/common';
import type { TopicPartitions } from '@app/assignors';
import { ApiKey, uuidFromBytes, uuidToBytes, type ConsumerGroupHeartbeatRequest, type ConsumerGroupHeartbeatResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler, type RequestContext } from '../../server';
import { ConsumerGroupStateMachine } from '../consumer/consumer-group-state-machine';
import { TOPIC_METADATA, type TopicMetadata } from '../consumer/topic-metadata';
import { clientHostOf } from './client-host';

/**
 * ConsumerGroupHeartbeat 0-1 (KIP-848). v0 is Kafka 3.9's, where the coordinator makes up the member id; v1 is
 * Kafka 4.0's: the client generates its member id and may subscribe by regex. Partitions travel by topic id; a
 * topic id the broker does not know (a topic deleted meanwhile) is dropped from what the member reports owning.
 */
@KafkaApi(ApiKey.ConsumerGroupHeartbeat, { versions: [0, 1] })
export class ConsumerGroupHeartbeatHandler implements KafkaHandler<ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse> {
  constructor(
    private readonly groups: ConsumerGroupStateMachine,
    @Inject(TOPIC_METADATA) private readonly topics: TopicMetadata,
  ) {}

  async handle(req: ConsumerGroupHeartbeatRequest, ctx: RequestContext): Promise<ConsumerGroupHeartbeatResponse> {
    const result = await this.groups.heartbeat({
      groupId: req.groupId,
      memberId: req.memberId,
      memberEpoch: req.memberEpoch,
      instanceId: req.instanceId,
      rackId: req.rackId,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      subscribedTopicNames: req.subscribedTopicNames,
      subscribedTopicRegex: req.subscribedTopicRegex ?? null,
      serverAssignor: req.serverAssignor,
      ownedPartitions: req.topicPartitions === null ? null : this.byName(req.topicPartitions),
      clientId: ctx.clientId ?? '',
      clientHost: clientHostOf(ctx.clientHost),
      clientGeneratesMemberId: ctx.apiVersion >= 1,
    });
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      errorMessage: result.errorMessage,
      memberId: result.memberId,
      memberEpoch: result.memberEpoch,
      heartbeatIntervalMs: result.heartbeatIntervalMs,
      assignment: result.assignment === null ? null : { topicPartitions: this.byId(result.assignment) },
    };
  }

  private byName(list: { topicId: Buffer; partitions: number[] }[]): TopicPartitions[] {
    const out: TopicPartitions[] = [];
    for (const { topicId, partitions } of list) {
      const topic = this.topics.topicName(uuidFromBytes(topicId));
      if (topic !== undefined) out.push({ topic, partitions });
    }
    return out;
  }

  private byId(list: TopicPartitions[]): { topicId: Buffer; partitions: number[] }[] {
    const out: { topicId: Buffer; partitions: number[] }[] = [];
    for (const { topic, partitions } of list) {
      const id = this.topics.topicId(topic);
      if (id !== undefined) out.push({ topicId: uuidToBytes(id), partitions });
    }
    return out;
  }
}
