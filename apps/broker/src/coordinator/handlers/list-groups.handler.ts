import { ApiKey, ErrorCode, type ListGroupsRequest, type ListGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { byGroupId } from '../admin/group-views';
import { GroupTable } from '../group/group-table';

/**
 * ListGroups 0-5 (v3+ flexible, for librdkafka's Admin API; v4 adds the state and the state filter, KIP-518;
 * v5 the group type and the type filter, KIP-848). A consumer-protocol group is listed with type "consumer" and its
 * KIP-848 state (Empty, Assigning, Reconciling, Stable), which is also what the state filter compares with;
 * Apache compares states and types case-insensitively.
 */
@KafkaApi(ApiKey.ListGroups, { versions: [0, 5] })
export class ListGroupsHandler implements KafkaHandler<ListGroupsRequest, ListGroupsResponse> {
  constructor(private readonly groups: GroupTable) {}

  handle(req: ListGroupsRequest): ListGroupsResponse {
    const states = new Set((req.statesFilter ?? []).map((s) => s.toLowerCase()));
    const types = new Set((req.typesFilter ?? []).map((t) => t.toLowerCase()));
    const groups: ListGroupsResponse['groups'] = [];
    for (const group of this.groups.values()) {
      const groupType = group.consumer ? 'consumer' : 'classic';
      const groupState = group.consumer ? group.consumer.state : group.state;
      if (states.size && !states.has(groupState.toLowerCase())) continue;
      if (types.size && !types.has(groupType)) continue;
      groups.push({ groupId: group.groupId, protocolType: group.protocolType ?? '', groupState, groupType });
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups: groups.sort(byGroupId) };
  }
}
