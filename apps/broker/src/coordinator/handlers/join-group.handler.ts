import { ApiKey, type JoinGroupRequest, type JoinGroupResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler, type RequestContext } from '../../server';
import { ClassicGroupStateMachine } from '../classic/classic-group-state-machine';
import { clientHostOf } from './client-host';

/**
 * JoinGroup 0-9 (v4+: KIP-394 member id round trip, v5: static membership, v7: the protocol type in the answer,
 * v8: the client's reason for joining, KIP-800, kept in the rebalance reason; v9: SkipAssignment, KIP-814).
 */
@KafkaApi(ApiKey.JoinGroup, { versions: [0, 9] })
export class JoinGroupHandler implements KafkaHandler<JoinGroupRequest, JoinGroupResponse> {
  constructor(private readonly groups: ClassicGroupStateMachine) {}

  handle(req: JoinGroupRequest, ctx: RequestContext): Promise<JoinGroupResponse> {
    return this.groups.joinGroup({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId ?? null,
      clientId: ctx.clientId ?? '',
      clientHost: clientHostOf(ctx.clientHost),
      sessionTimeoutMs: req.sessionTimeoutMs,
      // v0 has no rebalance timeout; Kafka uses the session timeout for it.
      rebalanceTimeoutMs: ctx.apiVersion >= 1 && req.rebalanceTimeoutMs !== undefined && req.rebalanceTimeoutMs >= 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs,
      protocolType: req.protocolType,
      // The group keeps the metadata for as long as the member lives: a copy, never a view of the request (request-bytes.ts).
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      requireKnownMemberId: ctx.apiVersion >= 4,
      reason: req.reason ?? null,
      supportsSkipAssignment: ctx.apiVersion >= 9,
    }).then((result) => ({
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolType: result.protocolType,
      // Nullable from v7; before, "no protocol" is the empty string.
      protocolName: ctx.apiVersion >= 7 ? result.protocolName : (result.protocolName ?? ''),
      skipAssignment: result.skipAssignment ?? false,
      leader: result.leader,
      memberId: result.memberId,
      members: result.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
    }));
  }
}
