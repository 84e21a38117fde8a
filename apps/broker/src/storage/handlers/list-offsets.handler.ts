import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type ListOffsetsRequest,
  type ListOffsetsRequestListOffsetsPartition,
  type ListOffsetsResponse,
  type ListOffsetsResponseListOffsetsPartitionResponse,
} from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { kafkaErrorCodeOf } from './kafka-error-code';

const LATEST = -1n;
const EARLIEST = -2n;

/**
 * ListOffsets 0-3: latest (-1) is the high watermark, earliest (-2) the log start offset, any other
 * timestamp the first offset whose record timestamp is at least that (the log's time index), or
 * offset -1 when no record is that recent. v0 answers with a list of offsets instead.
 */
@KafkaApi(ApiKey.ListOffsets, { versions: [0, 3] })
export class ListOffsetsHandler implements KafkaHandler<ListOffsetsRequest, ListOffsetsResponse> {
  private readonly logger = new Logger('ListOffsetsHandler');

  constructor(private readonly topics: TopicRegistry) {}

  async handle(req: ListOffsetsRequest): Promise<ListOffsetsResponse> {
    const topics = await Promise.all(
      req.topics.map(async (t) => ({
        name: t.name,
        partitions: await Promise.all(t.partitions.map((p) => this.lookup(t.name, p))),
      })),
    );
    return { throttleTimeMs: 0, topics };
  }

  private async lookup(
    topic: string,
    p: ListOffsetsRequestListOffsetsPartition,
  ): Promise<ListOffsetsResponseListOffsetsPartitionResponse> {
    const notFound = { partitionIndex: p.partitionIndex, timestamp: -1n, offset: -1n, oldStyleOffsets: [] };
    const log = this.topics.partition(topic, p.partitionIndex);
    if (!log) return { ...notFound, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
    try {
      let offset: bigint;
      let timestamp = -1n;
      if (p.timestamp === LATEST) offset = log.highWatermark;
      else if (p.timestamp === EARLIEST) offset = log.logStartOffset;
      else {
        const found = await log.offsetForTimestamp(p.timestamp);
        if (!found) return { ...notFound, errorCode: 0 };
        offset = found.offset;
        timestamp = found.timestamp;
      }
      return { partitionIndex: p.partitionIndex, errorCode: 0, timestamp, offset, oldStyleOffsets: [offset] };
    } catch (err) {
      return { ...notFound, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'ListOffsets', topic }) };
    }
  }
}
