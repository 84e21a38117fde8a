import { ApiKey, ErrorCode, type ListGroupsRequest, type ListGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { listGroups } from '../admin/group-views';
import { GroupTable } from '../group/group-table';

/** Every group here is a classic group (KIP-848 consumer groups are not implemented). */
const CLASSIC = 'classic';

/**
 * ListGroups 0-5 (v3+ flexible, for librdkafka's Admin API; v4 adds the state and the state filter, KIP-518;
 * v5 the group type and the type filter, KIP-848: every group is "classic", so a filter without it lists none).
 */
@KafkaApi(ApiKey.ListGroups, { versions: [0, 5] })
export class ListGroupsHandler implements KafkaHandler<ListGroupsRequest, ListGroupsResponse> {
  constructor(private readonly groups: GroupTable) {}

  handle(req: ListGroupsRequest): ListGroupsResponse {
    const types = req.typesFilter ?? [];
    // Apache compares group types case-insensitively.
    const classicWanted = types.length === 0 || types.some((t) => t.toLowerCase() === CLASSIC);
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: classicWanted
        ? listGroups(this.groups.values(), req.statesFilter ?? []).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: CLASSIC }))
        : [],
    };
  }
}
