import { Inject } from '@nestjs/common';
import { ApiKey, ErrorCode, type OffsetCommitRequest, type OffsetCommitResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler, type RequestContext } from '../../server';
import type { OffsetCommitRequest as CommitRequest } from '../group/group-requests';
import { OffsetManager } from '../offsets/offset-manager';
import { PARTITION_EXISTS, type PartitionExists } from './topic-partition-checker';

/**
 * OffsetCommit 0-9. v0 and generation -1 are commits without group management; v1 carries per-partition commit
 * times, v2-4 a retention time, v6 the leader epoch, v7 the instance id, v8 is v7 in the flexible encoding, and v9
 * (KIP-848) renames the generation to "generation or member epoch": the generation for a classic group (Apache
 * treats v9 from a classic group member as v8), the member epoch for a consumer-protocol group, which fences
 * commits from older epochs (STALE_MEMBER_EPOCH). Partitions that do not exist get
 * UNKNOWN_TOPIC_OR_PARTITION, the others are committed together.
 */
@KafkaApi(ApiKey.OffsetCommit, { versions: [0, 9] })
export class OffsetCommitHandler implements KafkaHandler<OffsetCommitRequest, OffsetCommitResponse> {
  constructor(
    private readonly offsets: OffsetManager,
    @Inject(PARTITION_EXISTS) private readonly partitionExists: PartitionExists,
  ) {}

  handle(req: OffsetCommitRequest, ctx: RequestContext): Promise<OffsetCommitResponse> | OffsetCommitResponse {
    const offsets: CommitRequest['offsets'] = [];
    // The response partition each committed offset answers, in the order the offset manager returns its results.
    const answers: { partitionIndex: number; errorCode: number }[] = [];
    const response: OffsetCommitResponse = {
      throttleTimeMs: 0,
      topics: req.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((p) => {
          const answer = { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE as number };
          if (!this.partitionExists(topic.name, p.partitionIndex)) {
            answer.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
            return answer;
          }
          answers.push(answer);
          offsets.push({
            topic: topic.name,
            partition: p.partitionIndex,
            offset: p.committedOffset,
            leaderEpoch: p.committedLeaderEpoch ?? -1,
            metadata: p.committedMetadata,
            commitTimestamp: ctx.apiVersion === 1 && p.commitTimestamp !== undefined ? Number(p.commitTimestamp) : -1,
          });
          return answer;
        }),
      })),
    };
    if (offsets.length === 0) return response;
    return this.offsets
      .commitOffsets({
        groupId: req.groupId,
        generationId: ctx.apiVersion >= 1 ? (req.generationIdOrMemberEpoch ?? -1) : -1,
        memberId: req.memberId ?? '',
        groupInstanceId: req.groupInstanceId ?? null,
        retentionTimeMs: ctx.apiVersion >= 2 && ctx.apiVersion <= 4 ? Number(req.retentionTimeMs ?? -1n) : -1,
        apiVersion: ctx.apiVersion,
        offsets,
      })
      .then((results) => {
        results.forEach((r, i) => (answers[i].errorCode = r.errorCode));
        return response;
      });
  }
}
