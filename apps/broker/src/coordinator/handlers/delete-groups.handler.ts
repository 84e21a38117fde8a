import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, type DeleteGroupsRequest, type DeleteGroupsResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** DeleteGroups 0-1: only empty groups go (with their offsets); others get NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND. */
@Injectable()
export class DeleteGroupsHandler implements KafkaHandler<DeleteGroupsRequest, DeleteGroupsResponse>, OnModuleInit {
  readonly apiKey = ApiKey.DeleteGroups;
  readonly minVersion = 0;
  readonly maxVersion = 1;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(req: DeleteGroupsRequest): Promise<DeleteGroupsResponse> {
    return { throttleTimeMs: 0, results: await this.coordinator.deleteGroups(req.groupsNames) };
  }
}
