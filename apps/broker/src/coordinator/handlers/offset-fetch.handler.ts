import {
  ApiKey,
  ErrorCode,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
  type OffsetFetchResponseGroup,
  type OffsetFetchResponseTopics,
} from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler, type RequestContext } from '../../server';
import { OffsetManager } from '../offsets/offset-manager';

/**
 * OffsetFetch 0-9. A partition without a commit (or an unknown group) answers offset -1 with no error. From v2 a null
 * topic list means every committed partition of the group. From v8 (KIP-709) a request names several groups, each
 * answered with its own topics and error. v9's member id and epoch (KIP-848) are checked for KIP-848 groups only, as
 * Apache checks them: a member at another epoch gets STALE_MEMBER_EPOCH, a stranger UNKNOWN_MEMBER_ID, both for the
 * group; a request without them (an admin tool) is answered. require_stable (v7+) waits for pending transactional
 * offsets: there are none without transactions.
 */
@KafkaApi(ApiKey.OffsetFetch, { versions: [0, 9] })
export class OffsetFetchHandler implements KafkaHandler<OffsetFetchRequest, OffsetFetchResponse> {
  constructor(private readonly offsets: OffsetManager) {}

  handle(req: OffsetFetchRequest, ctx: RequestContext): OffsetFetchResponse {
    if (ctx.apiVersion >= 8) {
      return {
        throttleTimeMs: 0,
        groups: (req.groups ?? []).map((g) => {
          const errorCode = ctx.apiVersion >= 9 ? this.offsets.validateOffsetFetch(g.groupId, g.memberId ?? null, g.memberEpoch ?? -1) : ErrorCode.NONE;
          return errorCode === ErrorCode.NONE ? this.fetchGroup(g.groupId, g.topics) : { groupId: g.groupId, topics: [], errorCode };
        }),
      };
    }
    const requested = req.topics === null && ctx.apiVersion >= 2 ? null : (req.topics ?? []);
    return { throttleTimeMs: 0, topics: this.fetchGroup(req.groupId ?? '', requested).topics, errorCode: ErrorCode.NONE };
  }

  private fetchGroup(groupId: string, requested: ReadonlyArray<{ name: string; partitionIndexes: number[] }> | null): OffsetFetchResponseGroup {
    const fetched = this.offsets.fetchOffsets(groupId, requested && requested.map((t) => ({ topic: t.name, partitions: t.partitionIndexes })));
    const topics: OffsetFetchResponseTopics[] = [];
    const byName = new Map<string, OffsetFetchResponseTopics>();
    for (const o of fetched) {
      let topic = byName.get(o.topic);
      if (!topic) {
        topic = { name: o.topic, partitions: [] };
        byName.set(o.topic, topic);
        topics.push(topic);
      }
      topic.partitions.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: o.errorCode });
    }
    return { groupId, topics, errorCode: ErrorCode.NONE };
  }
}
