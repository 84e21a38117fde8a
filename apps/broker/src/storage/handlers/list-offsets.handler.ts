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
/** v7+ (KIP-734): the record with the largest timestamp. */
const MAX_TIMESTAMP = -3n;
/** v8+ (KIP-405): the first offset still on local disk, which here is all of the log. */
const EARLIEST_LOCAL = -4n;
/** v9+ (KIP-1005): the last offset copied to tiered storage; there is none on this broker. */
const LATEST_TIERED = -5n;

/** Every partition's leader epoch: one node whose leadership never moves (see the Metadata handler). */
const LEADER_EPOCH = 0;

/**
 * ListOffsets 0-9: latest (-1) is the high watermark, earliest (-2) and earliest-local (-4) the log start
 * offset, max-timestamp (-3) the first record with the largest timestamp, latest-tiered (-5) offset -1 as
 * Apache answers without tiered storage, any other timestamp the first offset whose record timestamp is at
 * least that (the log's time index), or offset -1 when no record is that recent. v0 answers with a list of
 * offsets instead. v4+ carry leader epochs (KIP-320): the answer's is 0, and a current_leader_epoch above 0
 * is UNKNOWN_LEADER_EPOCH. No transactions, so READ_COMMITTED (v2+) sees the same latest offset.
 */
@KafkaApi(ApiKey.ListOffsets, { versions: [0, 9] })
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
    const notFound = { partitionIndex: p.partitionIndex, timestamp: -1n, offset: -1n, oldStyleOffsets: [], leaderEpoch: -1 };
    const log = this.topics.partition(topic, p.partitionIndex);
    if (!log) return { ...notFound, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
    if ((p.currentLeaderEpoch ?? -1) > LEADER_EPOCH) return { ...notFound, errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH };
    try {
      let offset: bigint;
      let timestamp = -1n;
      if (p.timestamp === LATEST) offset = log.highWatermark;
      else if (p.timestamp === EARLIEST || p.timestamp === EARLIEST_LOCAL) offset = log.logStartOffset;
      else if (p.timestamp === LATEST_TIERED) return { ...notFound, errorCode: 0 };
      else {
        const found = p.timestamp === MAX_TIMESTAMP ? await log.offsetOfMaxTimestamp() : await log.offsetForTimestamp(p.timestamp);
        if (!found) return { ...notFound, errorCode: 0 };
        offset = found.offset;
        timestamp = found.timestamp;
      }
      return { partitionIndex: p.partitionIndex, errorCode: 0, timestamp, offset, oldStyleOffsets: [offset], leaderEpoch: LEADER_EPOCH };
    } catch (err) {
      return { ...notFound, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'ListOffsets', topic }) };
    }
  }
}
