import {
  ApiKey,
  ErrorCode,
  type OffsetForLeaderEpochRequest,
  type OffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochResponseEpochEndOffset,
} from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';

/** Every partition's leader epoch: one node whose leadership never moves (see the Metadata handler). */
const LEADER_EPOCH = 0;
/** Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET. */
const UNDEFINED_EPOCH = -1;
const UNDEFINED_EPOCH_OFFSET = -1n;

/**
 * OffsetForLeaderEpoch 0-4 (KIP-101, KIP-279, KIP-320: consumers check for log truncation after a leader change).
 * The log has had one epoch, 0, since it was created, so epoch 0 ends at the log end offset (the high watermark:
 * a single node has no uncommitted tail) and any other epoch is undefined (-1, -1), as Apache answers an epoch its
 * cache does not hold above the latest one. A current_leader_epoch above 0 (v2+) is UNKNOWN_LEADER_EPOCH.
 * Followers' requests (v3+ replica id >= 0) do not exist on a single node and are answered as consumers'.
 */
@KafkaApi(ApiKey.OffsetForLeaderEpoch, { versions: [0, 4] })
export class OffsetForLeaderEpochHandler implements KafkaHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> {
  constructor(private readonly topics: TopicRegistry) {}

  handle(req: OffsetForLeaderEpochRequest): OffsetForLeaderEpochResponse {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((p): OffsetForLeaderEpochResponseEpochEndOffset => {
          const undefinedEnd = { partition: p.partition, leaderEpoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
          const log = this.topics.partition(t.topic, p.partition);
          if (!log) return { ...undefinedEnd, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          if ((p.currentLeaderEpoch ?? -1) > LEADER_EPOCH) return { ...undefinedEnd, errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH };
          if (p.leaderEpoch !== LEADER_EPOCH) return { ...undefinedEnd, errorCode: ErrorCode.NONE };
          return { partition: p.partition, errorCode: ErrorCode.NONE, leaderEpoch: LEADER_EPOCH, endOffset: log.highWatermark };
        }),
      })),
    };
  }
}
