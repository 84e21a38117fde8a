import { Inject } from '@nestjs/common';
import type { TopicPartitions } from '@app/assignors';
import { ApiKey, uuidToBytes, type ConsumerGroupDescribeRequest, type ConsumerGroupDescribeResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { ConsumerGroupStateMachine } from '../consumer/consumer-group-state-machine';
import { TOPIC_METADATA, type TopicMetadata } from '../consumer/topic-metadata';

/** Kafka's "not provided" value for authorized operations. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
/** READ, DELETE and DESCRIBE (Kafka AclOperation codes 3, 6, 8): everything a group supports, with no ACLs here. */
const ALL_GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

/**
 * ConsumerGroupDescribe 0 (KIP-848): a consumer-protocol group's epochs, assignor, and per member its epoch,
 * subscription, current and target assignment. A classic or unknown group is GROUP_ID_NOT_FOUND, as in Kafka.
 */
@KafkaApi(ApiKey.ConsumerGroupDescribe, { versions: [0, 0] })
export class ConsumerGroupDescribeHandler implements KafkaHandler<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> {
  constructor(
    private readonly groups: ConsumerGroupStateMachine,
    @Inject(TOPIC_METADATA) private readonly topics: TopicMetadata,
  ) {}

  handle(req: ConsumerGroupDescribeRequest): ConsumerGroupDescribeResponse {
    const authorizedOperations = req.includeAuthorizedOperations ? ALL_GROUP_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED;
    return {
      throttleTimeMs: 0,
      groups: this.groups.describe(req.groupIds).map((g) => ({
        errorCode: g.errorCode,
        errorMessage: g.errorMessage,
        groupId: g.groupId,
        groupState: g.state,
        groupEpoch: g.groupEpoch,
        assignmentEpoch: g.assignmentEpoch,
        assignorName: g.assignorName,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          instanceId: m.instanceId,
          rackId: m.rackId,
          memberEpoch: m.memberEpoch,
          clientId: m.clientId,
          clientHost: m.clientHost,
          subscribedTopicNames: m.subscribedTopicNames,
          subscribedTopicRegex: m.subscribedTopicRegex,
          assignment: { topicPartitions: this.described(m.assignment) },
          targetAssignment: { topicPartitions: this.described(m.targetAssignment) },
        })),
        authorizedOperations,
      })),
    };
  }

  private described(list: TopicPartitions[]): { topicId: Buffer; topicName: string; partitions: number[] }[] {
    return list.flatMap(({ topic, partitions }) => {
      const id = this.topics.topicId(topic);
      return id === undefined ? [] : [{ topicId: uuidToBytes(id), topicName: topic, partitions }];
    });
  }
}
