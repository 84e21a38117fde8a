import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, type OffsetDeleteRequest, type OffsetDeleteResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** OffsetDelete 0: removes committed offsets, except for topics an active consumer group still subscribes to. */
@Injectable()
export class OffsetDeleteHandler implements KafkaHandler<OffsetDeleteRequest, OffsetDeleteResponse>, OnModuleInit {
  readonly apiKey = ApiKey.OffsetDelete;
  readonly minVersion = 0;
  readonly maxVersion = 0;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(req: OffsetDeleteRequest): Promise<OffsetDeleteResponse> {
    const partitions = req.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex })));
    const result = await this.coordinator.deleteOffsets(req.groupId, partitions);
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
