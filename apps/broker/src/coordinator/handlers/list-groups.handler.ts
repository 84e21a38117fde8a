import { ApiKey, ErrorCode, type ListGroupsRequest, type ListGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { GroupCoordinator } from '../group-coordinator';

/** ListGroups 0-4 (v3+ flexible, for librdkafka's Admin API; v4 adds the state and the state filter). */
@KafkaApi(ApiKey.ListGroups, { versions: [0, 4] })
export class ListGroupsHandler implements KafkaHandler<ListGroupsRequest, ListGroupsResponse> {
  constructor(private readonly coordinator: GroupCoordinator) {}

  handle(req: ListGroupsRequest): ListGroupsResponse {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: this.coordinator.listGroups(req.statesFilter ?? []).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state })),
    };
  }
}
