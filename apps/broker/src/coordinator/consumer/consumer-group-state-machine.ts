import { randomUUID } from 'node:crypto';
import type { AssignFunction } from '@app/assignors';
import { ErrorCode } from '@app/kafka-protocol';
import type { CoordinatorConfig } from '../config/coordinator-config';
import { fromTopicPartitions, sameAssignment, isSubset, toTopicPartitions, type Assignment } from '../group/assignment';
import { ConsumerGroupMembership } from '../group/consumer-group-membership';
import { ConsumerGroupMember } from '../group/consumer-group-member';
import type { Group } from '../group/group';
import type { GroupEventEmitter } from '../group/group-event-emitter';
import type { GroupTable } from '../group/group-table';
import type { CoordinatorObserver } from '../metrics/coordinator-observer';
import { consumerGroupChange, restoreConsumerGroup } from '../persistence/consumer-group-snapshot';
import type { GroupStore, StoredConsumerGroup } from '../persistence/group-store';
import type { Clock } from '../time/clock';
import {
  JOIN_EPOCH,
  LEAVE_EPOCH,
  STATIC_LEAVE_EPOCH,
  type ConsumerGroupDescription,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResult,
} from './consumer-group-requests';
import { applySubscription, compileRegex, HeartbeatError, validate } from './heartbeat-request';
import { reconcile } from './reconcile';
import { computeTargetAssignment, SERVER_ASSIGNORS } from './server-assignors';
import { NO_TOPICS, type TopicMetadata } from './topic-metadata';

/** A heartbeat between its checks and its reconciliation (which may wait for a new target). */
interface ReconcileStep {
  kind: 'reconcile';
  req: ConsumerGroupHeartbeatRequest;
  group: Group;
  member: ConsumerGroupMember;
  owned: Assignment | null;
  /** The member's partitions before this heartbeat: the answer carries them again only if they changed. */
  before: Assignment;
}

type HeartbeatStep = ReconcileStep | { kind: 'answered'; result: ConsumerGroupHeartbeatResult };

export interface ConsumerGroupStateMachineOptions {
  config: CoordinatorConfig;
  clock: Clock;
  store: GroupStore;
  groups: GroupTable;
  events: GroupEventEmitter;
  observer: CoordinatorObserver;
  topics?: TopicMetadata;
  newMemberId?: () => string;
}

/**
 * The KIP-848 consumer group protocol, following Apache Kafka's GroupMetadataManager (consumer half): one
 * ConsumerGroupHeartbeat carries joins, subscriptions, acknowledgements of revocations and leaves; the coordinator
 * computes the target assignment itself (server-side assignors) whenever the group epoch moves past it, and walks
 * each member towards its target one heartbeat at a time (`reconcile`): a partition is revoked from its owner
 * before it is given to another. Members expire after the session timeout without a heartbeat, and are fenced when
 * they keep partitions they were told to revoke past their rebalance timeout. Single-threaded like the classic
 * state machine. Nothing is held: a heartbeat is answered as soon as what it changed (a join, a new epoch, a member's
 * partitions) is in the group log, one record per changed member, so a restarted broker gives every member back its
 * epoch and partitions (`restore`); a heartbeat that changes nothing writes nothing.
 */
export class ConsumerGroupStateMachine {
  private readonly config: CoordinatorConfig;
  private readonly clock: Clock;
  private readonly store: GroupStore;
  private readonly groups: GroupTable;
  private readonly events: GroupEventEmitter;
  private readonly observer: CoordinatorObserver;
  private readonly topics: TopicMetadata;
  private readonly newMemberId: () => string;

  constructor(options: ConsumerGroupStateMachineOptions) {
    this.config = options.config;
    this.clock = options.clock;
    this.store = options.store;
    this.groups = options.groups;
    this.events = options.events;
    this.observer = options.observer;
    this.topics = options.topics ?? NO_TOPICS;
    this.newMemberId = options.newMemberId ?? randomUUID;
  }

  /** Stops every member's timers (at shutdown). */
  shutdown(): void {
    for (const group of this.groups.values()) for (const member of group.consumer?.members.values() ?? []) member.stopTimers();
  }

  /** Rebuilds a stored KIP-848 group into `group` after a restart; each member gets a fresh session to heartbeat in. */
  restore(group: Group, stored: StoredConsumerGroup): void {
    const membership = restoreConsumerGroup(stored, this.config.consumerSessionTimeoutMs);
    group.consumer = membership;
    group.protocolType = 'consumer';
    group.generationId = membership.groupEpoch;
    const now = this.clock.now();
    group.restoreState(membership.members.size > 0 ? 'Stable' : 'Empty', now);
    for (const member of membership.members.values()) {
      this.touchSession(group, member, now);
      if (member.state === 'unrevoked_partitions') this.scheduleRevocationTimeout(group, member);
    }
  }

  /**
   * Answers once the change the heartbeat made is durable; a store failure is COORDINATOR_NOT_AVAILABLE. A heartbeat
   * that needs a new target assignment waits for it: the target is computed once for every heartbeat of the group
   * that arrived in the same turn of the event loop (`targetAfterThisTurn`), not once per heartbeat.
   */
  heartbeat(req: ConsumerGroupHeartbeatRequest): Promise<ConsumerGroupHeartbeatResult> {
    let step: HeartbeatStep;
    try {
      step = this.beginHeartbeat(req);
    } catch (error) {
      return Promise.resolve(this.refused(error));
    }
    if (step.kind === 'answered') return this.answerWhenDurable(req.groupId, step.result);
    const membership = step.group.consumer!;
    if (membership.groupEpoch <= membership.assignmentEpoch) return this.answerWhenDurable(req.groupId, this.finishHeartbeat(step));
    return this.targetAfterThisTurn(step.group).then(() => {
      let result: ConsumerGroupHeartbeatResult;
      try {
        result = this.finishHeartbeat(step);
      } catch (error) {
        return this.refused(error);
      }
      return this.answerWhenDurable(req.groupId, result);
    });
  }

  private refused(error: unknown): ConsumerGroupHeartbeatResult {
    if (!(error instanceof HeartbeatError)) throw error;
    this.observer.heartbeat(error.errorCode);
    return errorResult(error.errorCode, error.message);
  }

  /** The result, once everything the group changed so far is in the group log. */
  private answerWhenDurable(groupId: string, result: ConsumerGroupHeartbeatResult): Promise<ConsumerGroupHeartbeatResult> {
    const written = this.persist(groupId);
    if (!written) {
      this.observer.heartbeat(ErrorCode.NONE);
      return Promise.resolve(result);
    }
    return written.then(
      () => {
        this.observer.heartbeat(ErrorCode.NONE);
        return result;
      },
      () => {
        this.observer.heartbeat(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        return errorResult(ErrorCode.COORDINATOR_NOT_AVAILABLE, 'The group log could not be written; retry.');
      },
    );
  }

  /**
   * Writes what changed in the group since the last write. With nothing new, the write still in flight (if any):
   * another heartbeat may have carried this one's changes, and this one must not be answered before they are durable.
   */
  private persist(groupId: string): Promise<void> | null {
    const membership = this.groups.get(groupId)?.consumer;
    if (!membership) return null;
    const changes = membership.takeChanges();
    if (!changes) return membership.lastWrite;
    const write = this.store.saveConsumerGroup(groupId, consumerGroupChange(membership, changes.changed, changes.removed));
    membership.lastWrite = write;
    const settled = () => {
      if (membership.lastWrite === write) membership.lastWrite = null;
    };
    write.then(settled, settled);
    return write;
  }

  /**
   * One target for all the heartbeats of this turn: in a join storm (a deployment of 1,000 consumers starting), each
   * join would otherwise run the assignor over the whole group again, which made the storm grow with the square of
   * the group. The heartbeats that wait here are answered in the same turn's check phase, so no one waits for a
   * timer.
   */
  private targetAfterThisTurn(group: Group): Promise<void> {
    const membership = group.consumer!;
    membership.targetComputation ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        membership.targetComputation = null;
        if (membership.groupEpoch > membership.assignmentEpoch) {
          this.refreshSubscribedTopics(group);
          this.computeTarget(membership);
        }
        resolve();
      }),
    );
    return membership.targetComputation;
  }

  /** Everything up to the target assignment: checks, join or member lookup, subscription, session, group epoch. */
  private beginHeartbeat(req: ConsumerGroupHeartbeatRequest): HeartbeatStep {
    validate(req, this.config.consumerAssignors);
    if (req.memberEpoch === LEAVE_EPOCH || req.memberEpoch === STATIC_LEAVE_EPOCH) return { kind: 'answered', result: this.leave(req) };

    const group = this.consumerGroup(req.groupId, req.memberEpoch === JOIN_EPOCH);
    const membership = group.consumer!;
    const owned = req.ownedPartitions === null ? null : fromTopicPartitions(req.ownedPartitions);
    let member: ConsumerGroupMember;
    let joinReason: string | null = null;
    if (req.memberEpoch === JOIN_EPOCH) {
      ({ member, joinReason } = this.join(group, membership, req));
    } else {
      member = this.existingMember(membership, req, owned);
    }

    const { subscriptionChanged, recordChanged } = applySubscription(member, req);
    if (recordChanged) membership.markDirty(member);
    this.touchSession(group, member, this.clock.now());
    if (joinReason !== null) this.bumpGroupEpoch(group, joinReason);
    else if (subscriptionChanged) {
      membership.subscriptionsChanged = true;
      this.bumpGroupEpoch(group, `member ${member.memberId} changed its subscription`);
    }
    // With a new target already due, the computation resolves the subscriptions itself (`targetAfterThisTurn`):
    // resolving them here too would walk every member once per join of a join storm.
    if (membership.groupEpoch === membership.assignmentEpoch) this.refreshSubscribedTopics(group);
    return { kind: 'reconcile', req, group, member, owned, before: member.assigned };
  }

  /** The member's step towards the target, and the answer. */
  private finishHeartbeat({ req, group, member, owned, before }: ReconcileStep): ConsumerGroupHeartbeatResult {
    const membership = group.consumer;
    // Removed while waiting for the target (expired, fenced, the group deleted): as if it had not been found.
    if (!membership || membership.members.get(member.memberId) !== member) {
      throw new HeartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${member.memberId} is not a member of group ${req.groupId}.`);
    }
    const next = reconcile(member, {
      targetEpoch: membership.assignmentEpoch,
      target: membership.target.get(member.memberId) ?? new Map(),
      owned,
      ownedByOther: (topic, partition) => {
        const owner = membership.ownerOf(topic, partition);
        return owner !== undefined && owner !== member.memberId;
      },
    });
    const wasRevoking = member.state === 'unrevoked_partitions';
    membership.setMemberAssignment(member, next);
    if (member.state === 'unrevoked_partitions' && !wasRevoking) this.scheduleRevocationTimeout(group, member);
    if (member.state !== 'unrevoked_partitions') {
      member.cancelRevocation?.();
      member.cancelRevocation = null;
    }
    this.updateGroupState(group);

    // A full request (joining, or every field a client sends after an error) always gets the assignment back.
    const fullRequest = req.memberEpoch === JOIN_EPOCH || (req.rebalanceTimeoutMs !== -1 && req.subscribedTopicNames !== null && req.ownedPartitions !== null);
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: member.memberId,
      memberEpoch: member.epoch,
      heartbeatIntervalMs: this.config.consumerHeartbeatIntervalMs,
      assignment: fullRequest || !sameAssignment(before, member.assigned) ? toTopicPartitions(member.assigned) : null,
    };
  }

  /** The group, created for a joining member; a classic group with members cannot be joined this way. */
  private consumerGroup(groupId: string, create: boolean): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      if (!create) throw new HeartbeatError(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${groupId} not found.`);
      group = this.groups.getOrCreate(groupId);
    }
    if (group.is('Dead')) throw new HeartbeatError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `Group ${groupId} is being deleted.`);
    if (!group.consumer) {
      // An empty classic group (offsets only) becomes a consumer group, as Kafka converts it.
      if (group.members.size > 0 || !group.is('Empty')) throw new HeartbeatError(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${groupId} is not a consumer group.`);
      group.consumer = new ConsumerGroupMembership();
      group.protocolType = 'consumer';
    }
    return group;
  }

  private join(group: Group, membership: ConsumerGroupMembership, req: ConsumerGroupHeartbeatRequest): { member: ConsumerGroupMember; joinReason: string | null } {
    const memberId = req.memberId || this.newMemberId();
    const member = new ConsumerGroupMember(memberId, req.clientId, req.clientHost);
    member.instanceId = req.instanceId;
    member.sessionTimeoutMs = this.config.consumerSessionTimeoutMs;
    if (req.instanceId !== null) {
      const previousId = membership.staticMemberId(req.instanceId);
      const previous = previousId === undefined ? undefined : membership.members.get(previousId);
      if (previous && !previous.leftTemporarily && previous.memberId !== memberId) {
        throw new HeartbeatError(ErrorCode.UNRELEASED_INSTANCE_ID, `Static member ${previous.memberId} with instance id ${req.instanceId} is still in the group.`);
      }
      if (previous) {
        // KIP-848 static membership: the returning instance takes over its place; no new target is needed.
        membership.replaceStatic(previous, member);
        this.events.emit(group, { type: 'member_joined', ...memberEventFields(member) });
        return { member, joinReason: null };
      }
    }
    const rejoining = membership.members.get(memberId);
    if (rejoining) {
      // Epoch 0 from a known member (it was fenced, or lost its state): it starts over with nothing.
      membership.remove(rejoining);
    } else if (membership.members.size >= this.config.maxGroupSize) {
      this.groups.dropIfUnused(group);
      throw new HeartbeatError(ErrorCode.GROUP_MAX_SIZE_REACHED, `Group ${group.groupId} already has ${membership.members.size} members.`);
    }
    membership.add(member);
    membership.subscriptionsChanged = true;
    if (!rejoining) this.events.emit(group, { type: 'member_joined', ...memberEventFields(member) });
    return { member, joinReason: `member ${memberId} joined` };
  }

  private existingMember(membership: ConsumerGroupMembership, req: ConsumerGroupHeartbeatRequest, owned: Assignment | null): ConsumerGroupMember {
    const member = membership.members.get(req.memberId);
    if (!member) throw new HeartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${req.memberId} is not a member of group ${req.groupId}.`);
    if (req.instanceId !== null && member.instanceId !== req.instanceId) {
      throw new HeartbeatError(ErrorCode.FENCED_INSTANCE_ID, `Member ${req.memberId} does not hold instance id ${req.instanceId}.`);
    }
    if (member.leftTemporarily) throw new HeartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Static member ${req.memberId} left the group; join again.`);
    // A member one epoch behind may only have missed the answer that moved it, if it owns nothing it should not.
    const behindButValid = req.memberEpoch === member.previousEpoch && owned !== null && isSubset(owned, member.assigned);
    if (req.memberEpoch > member.epoch || (req.memberEpoch < member.epoch && !behindButValid)) {
      throw new HeartbeatError(ErrorCode.FENCED_MEMBER_EPOCH, `Member epoch ${req.memberEpoch} is fenced; the member is at epoch ${member.epoch}.`);
    }
    return member;
  }

  private leave(req: ConsumerGroupHeartbeatRequest): ConsumerGroupHeartbeatResult {
    const group = this.groups.get(req.groupId);
    const membership = group?.consumer;
    const member = membership?.members.get(req.memberId);
    if (!group || !membership || !member) throw new HeartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${req.memberId} is not a member of group ${req.groupId}.`);
    if (req.memberEpoch === STATIC_LEAVE_EPOCH) {
      // The instance will be back under a new member id: it keeps its partitions until its session expires.
      member.leftTemporarily = true;
      membership.markDirty(member);
    } else {
      this.removeMember(group, member, 'the member left the group');
      this.events.emit(group, { type: 'member_left', ...memberEventFields(member), reason: 'the member left the group' });
    }
    return { errorCode: ErrorCode.NONE, errorMessage: null, memberId: member.memberId, memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null };
  }

  private removeMember(group: Group, member: ConsumerGroupMember, reason: string): void {
    const membership = group.consumer!;
    membership.remove(member);
    membership.subscriptionsChanged = true;
    this.bumpGroupEpoch(group, `member ${member.memberId} left: ${reason}`);
    this.updateGroupState(group);
  }

  /**
   * The session deadline moves on every heartbeat; one timer per member re-arms itself when it fires early, instead
   * of a timer per heartbeat.
   */
  private touchSession(group: Group, member: ConsumerGroupMember, now: number): void {
    member.sessionDeadline = now + this.config.consumerSessionTimeoutMs;
    if (member.cancelSession) return;
    const arm = (delay: number) => {
      member.cancelSession = this.clock.schedule(delay, () => {
        member.cancelSession = null;
        const left = member.sessionDeadline - this.clock.now();
        if (left > 0) return arm(left);
        if (group.consumer?.members.get(member.memberId) !== member) return;
        this.expire(group, member, 'session', 'session timeout');
      });
    };
    arm(this.config.consumerSessionTimeoutMs);
  }

  /** A member that keeps partitions it was told to revoke past its rebalance timeout is fenced (removed). */
  private scheduleRevocationTimeout(group: Group, member: ConsumerGroupMember): void {
    member.cancelRevocation?.();
    const epoch = member.epoch;
    member.cancelRevocation = this.clock.schedule(member.rebalanceTimeoutMs, () => {
      member.cancelRevocation = null;
      if (group.consumer?.members.get(member.memberId) !== member || member.state !== 'unrevoked_partitions' || member.epoch !== epoch) return;
      this.expire(group, member, 'rebalance', 'partitions not revoked within the rebalance timeout');
    });
  }

  /** A timer removed the member: counted, announced and written (no request waits for the write). */
  private expire(group: Group, member: ConsumerGroupMember, kind: 'session' | 'rebalance', reason: string): void {
    this.observer.memberExpired(kind);
    this.removeMember(group, member, reason);
    this.events.emit(group, { type: 'member_expired', ...memberEventFields(member), reason });
    this.persist(group.groupId)?.catch(() => undefined);
  }

  private bumpGroupEpoch(group: Group, reason: string): void {
    const membership = group.consumer!;
    membership.groupEpoch++;
    membership.markChanged();
    group.generationId = membership.groupEpoch;
    if (membership.rebalance === null && membership.members.size > 0) {
      membership.rebalance = { startedAt: this.clock.now(), reason };
      this.observer.rebalanceStarted();
      this.events.emit(group, { type: 'rebalance_started', reason, members: membership.members.size });
    }
  }

  /**
   * Resolves what the group subscribes to (names and regex matches that exist, with their partition counts) when
   * a subscription or the topics changed; a different result moves the group epoch, so a new target follows.
   */
  private refreshSubscribedTopics(group: Group): void {
    const membership = group.consumer!;
    const version = this.topics.version;
    if (!membership.subscriptionsChanged && membership.resolvedAtVersion === version) return;
    membership.subscriptionsChanged = false;
    membership.resolvedAtVersion = version;
    const counts = new Map<string, number>();
    for (const member of membership.members.values()) {
      for (const topic of this.memberTopics(member)) if (!counts.has(topic)) counts.set(topic, this.topics.partitionCount(topic)!);
    }
    if (sameCounts(counts, membership.subscribedTopics)) return;
    membership.subscribedTopics = counts;
    membership.markChanged();
    if (membership.groupEpoch === membership.assignmentEpoch) this.bumpGroupEpoch(group, 'the subscribed topics changed');
  }

  /** The member's subscribed topics that exist: its names, or what its regex matches (re-matched when topics change). */
  private memberTopics(member: ConsumerGroupMember): string[] {
    const version = this.topics.version;
    if (member.subscribedTopicRegex === null) return member.subscribedTopicNames.filter((t) => this.topics.partitionCount(t) !== undefined);
    if (!member.regex || member.regex.source !== member.subscribedTopicRegex || member.regex.version !== version) {
      const pattern = member.regex?.source === member.subscribedTopicRegex ? member.regex.pattern : compileRegex(member.subscribedTopicRegex)!;
      const topics = [...this.topics.topicNames()].filter((t) => !t.startsWith('__') && pattern.test(t)).sort();
      member.regex = { source: member.subscribedTopicRegex, pattern, version, topics };
    }
    return member.regex.topics;
  }

  private computeTarget(membership: ConsumerGroupMembership): void {
    const assignorName = this.selectAssignor(membership);
    const assign: AssignFunction = SERVER_ASSIGNORS.get(assignorName)!;
    const members = [...membership.members.values()].map((m) => ({
      memberId: m.memberId,
      instanceId: m.instanceId,
      topics: this.memberTopics(m),
      previous: membership.target.get(m.memberId),
    }));
    const target = computeTargetAssignment(assign, members, membership.subscribedTopics, membership.assignmentEpoch);
    membership.setTarget(target, membership.groupEpoch, assignorName);
  }

  /** The assignor most members ask for; the first configured one when none asks (Kafka's rule). */
  private selectAssignor(membership: ConsumerGroupMembership): string {
    const votes = new Map<string, number>();
    for (const m of membership.members.values()) if (m.serverAssignor) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1);
    let best = this.config.consumerAssignors[0];
    let most = 0;
    for (const [name, n] of votes) {
      if (n > most) {
        best = name;
        most = n;
      }
    }
    return best;
  }

  private updateGroupState(group: Group): void {
    const membership = group.consumer!;
    const now = this.clock.now();
    group.setConsumerProtocolState(membership.members.size === 0 ? 'Empty' : 'Stable', now);
    if (membership.rebalance !== null && (membership.state === 'Stable' || membership.state === 'Empty')) {
      const durationMs = now - membership.rebalance.startedAt;
      this.observer.rebalanceCompleted(durationMs);
      this.events.emit(group, {
        type: 'rebalance_completed',
        reason: membership.rebalance.reason,
        members: membership.members.size,
        duration_ms: durationMs,
        protocol: membership.assignorName,
        leader: null,
      });
      membership.rebalance = null;
    }
  }

  describe(groupIds: readonly string[]): ConsumerGroupDescription[] {
    return groupIds.map((groupId) => {
      const group = this.groups.get(groupId);
      const membership = group?.consumer;
      const base = { groupId, errorMessage: null, groupEpoch: 0, assignmentEpoch: 0, assignorName: '', members: [] };
      if (!group) return { ...base, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} not found.`, state: 'Dead' as const };
      if (!membership) return { ...base, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} is not a consumer group.`, state: 'Dead' as const };
      return {
        groupId,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        state: membership.state,
        groupEpoch: membership.groupEpoch,
        assignmentEpoch: membership.assignmentEpoch,
        assignorName: membership.assignorName ?? this.config.consumerAssignors[0],
        members: [...membership.members.values()].map((m) => ({
          memberId: m.memberId,
          instanceId: m.instanceId,
          rackId: m.rackId,
          memberEpoch: m.leftTemporarily ? STATIC_LEAVE_EPOCH : m.epoch,
          clientId: m.clientId,
          clientHost: m.clientHost,
          subscribedTopicNames: m.subscribedTopicNames,
          subscribedTopicRegex: m.subscribedTopicRegex,
          state: m.state,
          assignment: toTopicPartitions(m.assigned),
          targetAssignment: toTopicPartitions(membership.target.get(m.memberId) ?? new Map()),
        })),
      };
    });
  }
}

function errorResult(errorCode: number, message: string): ConsumerGroupHeartbeatResult {
  return { errorCode, errorMessage: message, memberId: null, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null };
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [topic, n] of a) if (b.get(topic) !== n) return false;
  return true;
}

function memberEventFields(member: ConsumerGroupMember) {
  return { member_id: member.memberId, group_instance_id: member.instanceId, client_id: member.clientId, client_host: member.clientHost };
}
