import { ApiKey, ErrorCode, type LeaveGroupRequest, type LeaveGroupResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler, type RequestContext } from '../../server';
import { ClassicGroupStateMachine } from '../classic/classic-group-state-machine';

/**
 * LeaveGroup 0-5: v0-2 carry one member whose error is the top-level error; v3+ a batch with per-member errors;
 * v5 a reason per member (KIP-800), kept in the member_left event.
 */
@KafkaApi(ApiKey.LeaveGroup, { versions: [0, 5] })
export class LeaveGroupHandler implements KafkaHandler<LeaveGroupRequest, LeaveGroupResponse> {
  constructor(private readonly groups: ClassicGroupStateMachine) {}

  handle(req: LeaveGroupRequest, ctx: RequestContext): LeaveGroupResponse {
    if (ctx.apiVersion < 3) {
      const result = this.groups.leaveGroup(req.groupId, [{ memberId: req.memberId ?? '', groupInstanceId: null }]);
      const errorCode = result.errorCode !== ErrorCode.NONE ? result.errorCode : (result.members[0]?.errorCode ?? ErrorCode.NONE);
      return { throttleTimeMs: 0, errorCode };
    }
    const result = this.groups.leaveGroup(req.groupId, req.members ?? []);
    return { throttleTimeMs: 0, errorCode: result.errorCode, members: result.members };
  }
}
