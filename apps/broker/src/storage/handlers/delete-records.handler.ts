import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse,
  type DeleteRecordsResponseDeleteRecordsPartitionResult,
} from '@app/kafka-protocol';
import { isInternalTopic } from '../topics/topic-name';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { kafkaErrorCodeOf } from './kafka-error-code';

/**
 * DeleteRecords 0-2 (KIP-107; v2 is v1 in the flexible encoding): each partition's log starts at the given offset
 * (-1: the high watermark) once the new start is persisted, and the answer's low watermark is that start. An
 * offset above the high watermark is OFFSET_OUT_OF_RANGE, an unknown partition UNKNOWN_TOPIC_OR_PARTITION, and an
 * internal topic INVALID_TOPIC_EXCEPTION, as Apache refuses deleting records of its internal topics. Every topic
 * has cleanup.policy=delete here, so Apache's POLICY_VIOLATION for compacted topics never applies.
 */
@KafkaApi(ApiKey.DeleteRecords, { versions: [0, 2] })
export class DeleteRecordsHandler implements KafkaHandler<DeleteRecordsRequest, DeleteRecordsResponse> {
  private readonly logger = new Logger('DeleteRecordsHandler');

  constructor(private readonly topics: TopicRegistry) {}

  async handle(req: DeleteRecordsRequest): Promise<DeleteRecordsResponse> {
    const topics = await Promise.all(
      req.topics.map(async (t) => ({
        name: t.name,
        partitions: await Promise.all(t.partitions.map((p) => this.deleteBefore(t.name, p.partitionIndex, p.offset))),
      })),
    );
    return { throttleTimeMs: 0, topics };
  }

  private async deleteBefore(topic: string, partitionIndex: number, offset: bigint): Promise<DeleteRecordsResponseDeleteRecordsPartitionResult> {
    const failed = (errorCode: number) => ({ partitionIndex, lowWatermark: -1n, errorCode });
    if (isInternalTopic(topic)) return failed(ErrorCode.INVALID_TOPIC_EXCEPTION);
    const log = this.topics.partition(topic, partitionIndex);
    if (!log) return failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    try {
      return { partitionIndex, lowWatermark: await log.deleteRecordsBefore(offset), errorCode: ErrorCode.NONE };
    } catch (err) {
      return failed(kafkaErrorCodeOf(err, this.logger, { api: 'DeleteRecords', topic, partition: partitionIndex }));
    }
  }
}
