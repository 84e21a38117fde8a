import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, type HeartbeatRequest, type HeartbeatResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** Heartbeat 0-3. */
@Injectable()
export class HeartbeatHandler implements KafkaHandler<HeartbeatRequest, HeartbeatResponse>, OnModuleInit {
  readonly apiKey = ApiKey.Heartbeat;
  readonly minVersion = 0;
  readonly maxVersion = 3;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  handle(req: HeartbeatRequest): HeartbeatResponse {
    const errorCode = this.coordinator.heartbeat({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
    });
    return { throttleTimeMs: 0, errorCode };
  }
}
