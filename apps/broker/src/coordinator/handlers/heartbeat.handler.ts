import { ApiKey, type HeartbeatRequest, type HeartbeatResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from '../../server';
import { ClassicGroupStateMachine } from '../classic/classic-group-state-machine';

/** Heartbeat 0-4 (v3: static members' instance id; v4 is v3 in the flexible encoding). */
@KafkaApi(ApiKey.Heartbeat, { versions: [0, 4] })
export class HeartbeatHandler implements KafkaHandler<HeartbeatRequest, HeartbeatResponse> {
  constructor(private readonly groups: ClassicGroupStateMachine) {}

  handle(req: HeartbeatRequest): HeartbeatResponse {
    const errorCode = this.groups.heartbeat({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
    });
    return { throttleTimeMs: 0, errorCode };
  }
}
