import { ErrorCode } from '@app/kafka-protocol';
import type { ConsumerGroupMember } from '../group/consumer-group-member';
import { JOIN_EPOCH, STATIC_LEAVE_EPOCH, type ConsumerGroupHeartbeatRequest } from './consumer-group-requests';

/** A refusal: the error code and the message the client logs. */
export class HeartbeatError {
  constructor(
    readonly errorCode: number,
    readonly message: string,
  ) {}
}

/** Kafka's checks of a ConsumerGroupHeartbeat before it touches any group (INVALID_REQUEST with the field named). */
export function validate(req: ConsumerGroupHeartbeatRequest, assignors: readonly string[]): void {
  const invalid = (message: string) => new HeartbeatError(ErrorCode.INVALID_REQUEST, message);
  if (!req.groupId) throw invalid('GroupId can not be empty.');
  if (req.instanceId === '') throw invalid('InstanceId can not be empty.');
  if (req.rackId === '') throw invalid('RackId can not be empty.');
  if (req.memberEpoch < STATIC_LEAVE_EPOCH) throw invalid(`MemberEpoch ${req.memberEpoch} is invalid.`);
  if (req.memberEpoch === JOIN_EPOCH) {
    if (req.clientGeneratesMemberId && !req.memberId) throw invalid('MemberId can not be empty.');
    if (req.rebalanceTimeoutMs === -1) throw invalid('RebalanceTimeoutMs must be provided in first request.');
    if (req.ownedPartitions === null || req.ownedPartitions.some((tp) => tp.partitions.length > 0)) {
      throw invalid('TopicPartitions must be empty when (re-)joining.');
    }
    // Kafka counts an empty list as no subscription at all.
    if ((req.subscribedTopicNames === null || req.subscribedTopicNames.length === 0) && req.subscribedTopicRegex === null) {
      throw invalid('SubscribedTopicNames or SubscribedTopicRegex must be set in first request.');
    }
  } else if (!req.memberId) {
    throw invalid('MemberId can not be empty.');
  }
  if (req.memberEpoch === STATIC_LEAVE_EPOCH && req.instanceId === null) throw invalid('InstanceId can not be null.');
  if (req.rebalanceTimeoutMs < -1) throw invalid(`RebalanceTimeoutMs ${req.rebalanceTimeoutMs} is invalid.`);
  if (req.serverAssignor !== null && !assignors.includes(req.serverAssignor)) {
    throw new HeartbeatError(ErrorCode.UNSUPPORTED_ASSIGNOR, `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${assignors.join(', ')}.`);
  }
  if (req.subscribedTopicRegex !== null && compileRegex(req.subscribedTopicRegex) === null) {
    throw new HeartbeatError(ErrorCode.INVALID_REGULAR_EXPRESSION, `SubscribedTopicRegex ${req.subscribedTopicRegex} is not a valid regular expression.`);
  }
}

/** Kafka matches the whole topic name (RE2/J `matches()`); JavaScript's RegExp stands in for RE2 here. */
export function compileRegex(source: string): RegExp | null {
  if (source === '') return null;
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return null;
  }
}

/** Copies what the request changed into the member: whether its subscription changed, whether anything did. */
export function applySubscription(member: ConsumerGroupMember, req: ConsumerGroupHeartbeatRequest): { subscriptionChanged: boolean; recordChanged: boolean } {
  let changed = false;
  let recordChanged = false;
  if (req.rackId !== null && req.rackId !== member.rackId) {
    member.rackId = req.rackId;
    recordChanged = true;
  }
  if (req.rebalanceTimeoutMs !== -1 && req.rebalanceTimeoutMs !== member.rebalanceTimeoutMs) {
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    recordChanged = true;
  }
  if (req.subscribedTopicNames !== null) {
    const names = [...new Set(req.subscribedTopicNames)].sort();
    if (names.length !== member.subscribedTopicNames.length || names.some((t, i) => t !== member.subscribedTopicNames[i])) changed = true;
    member.subscribedTopicNames = names;
  }
  if (req.subscribedTopicRegex !== null && req.subscribedTopicRegex !== member.subscribedTopicRegex) {
    member.subscribedTopicRegex = req.subscribedTopicRegex;
    changed = true;
  }
  if (req.subscribedTopicRegex === null && req.subscribedTopicNames !== null && req.subscribedTopicNames.length > 0 && member.subscribedTopicRegex !== null) {
    // A list of names replaces a regex subscription.
    member.subscribedTopicRegex = null;
    changed = true;
  }
  if (req.serverAssignor !== null && req.serverAssignor !== member.serverAssignor) {
    member.serverAssignor = req.serverAssignor;
    changed = true;
  }
  return { subscriptionChanged: changed, recordChanged: recordChanged || changed };
}
