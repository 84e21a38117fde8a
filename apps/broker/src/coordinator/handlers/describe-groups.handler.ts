import { ApiKey, type DescribeGroupsRequest, type DescribeGroupsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { describeGroup } from '../admin/group-views';
import { GroupTable } from '../group/group-table';

/** Kafka's "not provided" value for authorized operations. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
/** READ, DELETE and DESCRIBE (Kafka AclOperation codes 3, 6, 8): everything a group supports, with no ACLs here. */
const ALL_GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

/**
 * DescribeGroups 0-5 (v5 is v4 in the flexible encoding). An unknown group is no error: it is reported as Dead with
 * nothing in it, as Apache 3.9 does up to v5 (GROUP_ID_NOT_FOUND only comes with v6).
 */
@KafkaApi(ApiKey.DescribeGroups, { versions: [0, 5] })
export class DescribeGroupsHandler implements KafkaHandler<DescribeGroupsRequest, DescribeGroupsResponse> {
  constructor(private readonly groups: GroupTable) {}

  handle(req: DescribeGroupsRequest): DescribeGroupsResponse {
    return {
      throttleTimeMs: 0,
      groups: req.groups.map((groupId) => {
        const g = describeGroup(groupId, this.groups.get(groupId));
        return {
          errorCode: g.errorCode,
          groupId,
          groupState: g.state,
          protocolType: g.protocolType,
          protocolData: g.protocol,
          members: g.members.map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            clientId: m.clientId,
            clientHost: m.clientHost,
            memberMetadata: m.metadata,
            memberAssignment: m.assignment,
          })),
          authorizedOperations: req.includeAuthorizedOperations ? ALL_GROUP_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
        };
      }),
    };
  }
}
