import { ApiKey, type DeleteGroupsRequest, type DeleteGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** DeleteGroups 0-1: only empty groups go (with their offsets); others get NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND. */
@KafkaApi(ApiKey.DeleteGroups, { versions: [0, 1] })
export class DeleteGroupsHandler implements KafkaHandler<DeleteGroupsRequest, DeleteGroupsResponse> {
  constructor(private readonly coordinator: GroupCoordinator) {}

  async handle(req: DeleteGroupsRequest): Promise<DeleteGroupsResponse> {
    return { throttleTimeMs: 0, results: await this.coordinator.deleteGroups(req.groupsNames) };
  }
}
