import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, type SyncGroupRequest, type SyncGroupResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** SyncGroup 0-3: the leader's assignment goes out to every member; followers wait for it. */
@Injectable()
export class SyncGroupHandler implements KafkaHandler<SyncGroupRequest, SyncGroupResponse>, OnModuleInit {
  readonly apiKey = ApiKey.SyncGroup;
  readonly minVersion = 0;
  readonly maxVersion = 3;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  handle(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return this.coordinator.syncGroup({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      protocolType: null,
      protocolName: null,
      assignments: req.assignments,
    }).then((result) => ({ throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment }));
  }
}
