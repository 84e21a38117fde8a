import { ApiKey, type OffsetDeleteRequest, type OffsetDeleteResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { OffsetManager } from '../offsets/offset-manager';

/** OffsetDelete 0: removes committed offsets, except for topics an active consumer group still subscribes to. */
@KafkaApi(ApiKey.OffsetDelete, { versions: [0, 0] })
export class OffsetDeleteHandler implements KafkaHandler<OffsetDeleteRequest, OffsetDeleteResponse> {
  constructor(private readonly offsets: OffsetManager) {}

  async handle(req: OffsetDeleteRequest): Promise<OffsetDeleteResponse> {
    const partitions = req.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex })));
    const result = await this.offsets.deleteOffsets(req.groupId, partitions);
    const errors = new Map(result.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p.errorCode]));
    return {
      errorCode: result.errorCode,
      throttleTimeMs: 0,
      topics:
        result.errorCode === 0
          ? req.topics.map((t) => ({
              name: t.name,
              partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: errors.get(`${t.name}\u0000${p.partitionIndex}`) ?? 0 })),
            }))
          : [],
    };
  }
}
