import { ApiKey, type SyncGroupRequest, type SyncGroupResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { ClassicGroupStateMachine } from '../classic/classic-group-state-machine';

/** SyncGroup 0-3: the leader's assignment goes out to every member; followers wait for it. */
@KafkaApi(ApiKey.SyncGroup, { versions: [0, 3] })
export class SyncGroupHandler implements KafkaHandler<SyncGroupRequest, SyncGroupResponse> {
  constructor(private readonly groups: ClassicGroupStateMachine) {}

  handle(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return this.groups.syncGroup({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      protocolType: null,
      protocolName: null,
      assignments: req.assignments,
    }).then((result) => ({ throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment }));
  }
}
