import { ApiKey, ErrorCode, type FindCoordinatorRequest, type FindCoordinatorResponse } from '@app/kafka-protocol';
import { KafkaApi, BrokerIdentity, type KafkaHandler, type RequestContext } from '../../server';

const GROUP_KEY = 0;
const TRANSACTION_KEY = 1;

/** FindCoordinator 0-2: one node, so the coordinator of every group (and transactional id) is this broker. */
@KafkaApi(ApiKey.FindCoordinator, { versions: [0, 2] })
export class FindCoordinatorHandler implements KafkaHandler<FindCoordinatorRequest, FindCoordinatorResponse> {
  constructor(private readonly identity: BrokerIdentity) {}

  handle(req: FindCoordinatorRequest, _ctx: RequestContext): FindCoordinatorResponse {
    const keyType = req.keyType ?? GROUP_KEY;
    if (keyType !== GROUP_KEY && keyType !== TRANSACTION_KEY) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `unknown key type ${keyType}`, nodeId: -1, host: '', port: -1 };
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      nodeId: this.identity.nodeId,
      host: this.identity.advertisedHost,
      port: this.identity.advertisedPort,
    };
  }
}
