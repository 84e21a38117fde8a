import { ApiKey, ErrorCode, type FindCoordinatorRequest, type FindCoordinatorResponse } from '@app/kafka-protocol';
import { KafkaApi, BrokerIdentity, type KafkaHandler, type RequestContext } from '../../server';

const GROUP_KEY = 0;
const TRANSACTION_KEY = 1;

/**
 * FindCoordinator 0-6: one node, so the coordinator of every group (and transactional id) is this broker. From v4
 * (KIP-699) a request carries a batch of keys of one type and each gets its own entry in `coordinators`; before,
 * one key and a top-level answer. v6 (KIP-890, share groups' key type 2) changes nothing here: an unknown key type
 * is INVALID_REQUEST in every version. Min 0: librdkafka's group code needs FindCoordinator v0 advertised.
 */
@KafkaApi(ApiKey.FindCoordinator, { versions: [0, 6] })
export class FindCoordinatorHandler implements KafkaHandler<FindCoordinatorRequest, FindCoordinatorResponse> {
  constructor(private readonly identity: BrokerIdentity) {}

  handle(req: FindCoordinatorRequest, ctx: RequestContext): FindCoordinatorResponse {
    const keyType = req.keyType ?? GROUP_KEY;
    const known = keyType === GROUP_KEY || keyType === TRANSACTION_KEY;
    const { nodeId, advertisedHost: host, advertisedPort: port } = this.identity;
    if (ctx.apiVersion >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: (req.coordinatorKeys ?? []).map((key) =>
          known
            ? { key, nodeId, host, port, errorCode: ErrorCode.NONE, errorMessage: null }
            : { key, nodeId: -1, host: '', port: -1, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `unknown key type ${keyType}` },
        ),
      };
    }
    if (!known) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `unknown key type ${keyType}`, nodeId: -1, host: '', port: -1 };
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, nodeId, host, port };
  }
}
