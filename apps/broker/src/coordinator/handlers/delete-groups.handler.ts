import { ApiKey, type DeleteGroupsRequest, type DeleteGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { ClassicGroupStateMachine } from '../classic/classic-group-state-machine';

/**
 * DeleteGroups 0-2 (v2 is v1 in the flexible encoding): only empty groups go (with their offsets); others get
 * NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND.
 */
@KafkaApi(ApiKey.DeleteGroups, { versions: [0, 2] })
export class DeleteGroupsHandler implements KafkaHandler<DeleteGroupsRequest, DeleteGroupsResponse> {
  constructor(private readonly groups: ClassicGroupStateMachine) {}

  async handle(req: DeleteGroupsRequest): Promise<DeleteGroupsResponse> {
    return { throttleTimeMs: 0, results: await this.groups.deleteGroups(req.groupsNames) };
  }
}
