import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, ErrorCode, type ListGroupsRequest, type ListGroupsResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** ListGroups 0-4 (v3+ flexible, for librdkafka's Admin API; v4 adds the state and the state filter). */
@Injectable()
export class ListGroupsHandler implements KafkaHandler<ListGroupsRequest, ListGroupsResponse>, OnModuleInit {
  readonly apiKey = ApiKey.ListGroups;
  readonly minVersion = 0;
  readonly maxVersion = 4;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  handle(req: ListGroupsRequest): ListGroupsResponse {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: this.coordinator.listGroups(req.statesFilter ?? []).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state })),
    };
  }
}
