import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, ErrorCode, type FindCoordinatorRequest, type FindCoordinatorResponse } from '@app/kafka-protocol';
import { BrokerIdentity, HandlerRegistry, type KafkaHandler, type RequestContext } from '../../server';

const GROUP_KEY = 0;
const TRANSACTION_KEY = 1;

/** FindCoordinator 0-2: one node, so the coordinator of every group (and transactional id) is this broker. */
@Injectable()
export class FindCoordinatorHandler implements KafkaHandler<FindCoordinatorRequest, FindCoordinatorResponse>, OnModuleInit {
  readonly apiKey = ApiKey.FindCoordinator;
  readonly minVersion = 0;
  readonly maxVersion = 2;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly identity: BrokerIdentity,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

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
