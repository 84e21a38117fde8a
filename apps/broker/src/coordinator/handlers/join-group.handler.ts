import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, type JoinGroupRequest, type JoinGroupResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler, type RequestContext } from '../../server';
import { GroupCoordinator } from '../group-coordinator';
import { clientHostOf } from './client-host';

/** JoinGroup 0-5 (v4+: KIP-394 member id round trip, v5: static membership). */
@Injectable()
export class JoinGroupHandler implements KafkaHandler<JoinGroupRequest, JoinGroupResponse>, OnModuleInit {
  readonly apiKey = ApiKey.JoinGroup;
  readonly minVersion = 0;
  readonly maxVersion = 5;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly coordinator: GroupCoordinator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  handle(req: JoinGroupRequest, ctx: RequestContext): Promise<JoinGroupResponse> {
    return this.coordinator.joinGroup({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      clientId: ctx.clientId ?? '',
      clientHost: clientHostOf(ctx.clientHost),
      sessionTimeoutMs: req.sessionTimeoutMs,
      // v0 has no rebalance timeout; Kafka uses the session timeout for it.
      rebalanceTimeoutMs: ctx.apiVersion >= 1 && req.rebalanceTimeoutMs !== undefined && req.rebalanceTimeoutMs >= 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs,
      protocolType: req.protocolType,
      // The request frame is reused after the handler returns; the group keeps the metadata.
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      requireKnownMemberId: ctx.apiVersion >= 4,
    }).then((result) => ({
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolName: result.protocolName ?? '',
      leader: result.leader,
      memberId: result.memberId,
      members: result.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
    }));
  }
}
