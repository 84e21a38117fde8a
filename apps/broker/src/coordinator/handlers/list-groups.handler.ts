import { ApiKey, ErrorCode, type ListGroupsRequest, type ListGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { listGroups } from '../admin/group-views';
import { GroupTable } from '../group/group-table';

/** ListGroups 0-4 (v3+ flexible, for librdkafka's Admin API; v4 adds the state and the state filter). */
@KafkaApi(ApiKey.ListGroups, { versions: [0, 4] })
export class ListGroupsHandler implements KafkaHandler<ListGroupsRequest, ListGroupsResponse> {
  constructor(private readonly groups: GroupTable) {}

  handle(req: ListGroupsRequest): ListGroupsResponse {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: listGroups(this.groups.values(), req.statesFilter ?? []).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state })),
    };
  }
}
