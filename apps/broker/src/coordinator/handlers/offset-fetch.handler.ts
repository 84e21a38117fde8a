import { ApiKey, ErrorCode, type OffsetFetchRequest, type OffsetFetchResponse, type OffsetFetchResponseTopic } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler, type RequestContext } from '../../server';
import { OffsetManager } from '../offsets/offset-manager';

/**
 * OffsetFetch 0-7. A partition without a commit (or an unknown group) answers offset -1 with no error. From v2 a null
 * topic list means every committed partition of the group.
 */
@KafkaApi(ApiKey.OffsetFetch, { versions: [0, 7] })
export class OffsetFetchHandler implements KafkaHandler<OffsetFetchRequest, OffsetFetchResponse> {
  constructor(private readonly offsets: OffsetManager) {}

  handle(req: OffsetFetchRequest, ctx: RequestContext): OffsetFetchResponse {
    const requested = req.topics === null && ctx.apiVersion >= 2 ? null : (req.topics ?? []).map((t) => ({ topic: t.name, partitions: t.partitionIndexes }));
    const fetched = this.offsets.fetchOffsets(req.groupId, requested);
    const topics: OffsetFetchResponseTopic[] = [];
    const byName = new Map<string, OffsetFetchResponseTopic>();
    for (const o of fetched) {
      let topic = byName.get(o.topic);
      if (!topic) {
        topic = { name: o.topic, partitions: [] };
        byName.set(o.topic, topic);
        topics.push(topic);
      }
      topic.partitions.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: o.errorCode });
    }
    return { throttleTimeMs: 0, topics, errorCode: ErrorCode.NONE };
  }
}
