import { ApiKey, type SyncGroupRequest, type SyncGroupResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { ClassicGroupStateMachine } from '../classic/classic-group-state-machine';

/**
 * SyncGroup 0-5: the leader's assignment goes out to every member; followers wait for it. v5 (KIP-559) carries the
 * protocol type and name both ways: a request naming others than the group's is INCONSISTENT_GROUP_PROTOCOL.
 */
@KafkaApi(ApiKey.SyncGroup, { versions: [0, 5] })
export class SyncGroupHandler implements KafkaHandler<SyncGroupRequest, SyncGroupResponse> {
  constructor(private readonly groups: ClassicGroupStateMachine) {}

  handle(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return this.groups.syncGroup({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      protocolType: req.protocolType ?? null,
      protocolName: req.protocolName ?? null,
      assignments: req.assignments,
    }).then((result) => ({
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      protocolType: result.protocolType,
      protocolName: result.protocolName,
      assignment: result.assignment,
    }));
  }
}
