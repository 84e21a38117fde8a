import { randomUUID } from 'node:crypto';
import type { GroupEvent, GroupState } from '@app/domain';
import type { Clock } from './time/clock';
import type { CoordinatorConfig } from './config/coordinator-config';
import { NOOP_OBSERVER, type CoordinatorObserver } from './metrics/coordinator-observer';
import { ErrorCode } from '@app/kafka-protocol';
import type { GroupEventSink } from './events/group-event-sink';
import { IsoTimestamps } from './time/iso-timestamps';
import { putCommittedOffset } from './group/committed-offsets';
import { Group, type CommittedOffset } from './group/group';
import { EMPTY_BYTES, Member, type JoinGroupResult, type Protocol, type SyncGroupResult } from './group/member';
import type { GroupStore, LoadedGroups, StoredGroup, StoredOffset } from './persistence/group-store';

export interface JoinGroupRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
  /** JoinGroup v4+: a dynamic member without an id is told its id and must join again (KIP-394). */
  requireKnownMemberId: boolean;
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeavingMember {
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeaveGroupResult {
  errorCode: number;
  members: (LeavingMember & { errorCode: number })[];
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** v2-v4 retention time; -1 = the broker's retention rules. */
  retentionTimeMs: number;
  offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number; metadata: string | null; commitTimestamp: number }[];
}

export interface PartitionError {
  topic: string;
  partition: number;
  errorCode: number;
}

export interface FetchedOffset {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface GroupSummary {
  groupId: string;
  errorCode: number;
  state: GroupState;
  protocolType: string;
  protocol: string;
  generationId: number;
  leaderId: string | null;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }[];
}

export interface GroupDetails {
  groupId: string;
  state: GroupState;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    sessionTimeoutMs: number;
    rebalanceTimeoutMs: number;
    assignment: Buffer;
  }[];
}

export interface GroupListing {
  groupId: string;
  protocolType: string;
  state: GroupState;
}

export interface GroupCoordinatorOptions {
  config: CoordinatorConfig;
  clock: Clock;
  store: GroupStore;
  events: GroupEventSink;
  observer?: CoordinatorObserver;
  /** Topics a consumer-protocol member subscribes to, decoded from its JoinGroup metadata. */
  subscribedTopics: (metadata: Buffer) => string[];
  newMemberId?: () => string;
}

const joinError = (memberId: string, errorCode: number): JoinGroupResult => ({
  errorCode,
  generationId: -1,
  protocolType: null,
  protocolName: null,
  leader: '',
  memberId,
  members: [],
});

const syncError = (errorCode: number): SyncGroupResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES });

/**
 * The classic consumer-group coordinator, following Apache Kafka's GroupCoordinator: the group state machine, held
 * JoinGroup/SyncGroup answers, session/rebalance/sync timeouts, static membership and offset storage. No wire types:
 * the protocol handlers translate requests into these calls. Single-threaded by construction (one event loop), so
 * every transition runs to completion before the next request is looked at.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly config: CoordinatorConfig;
  private readonly clock: Clock;
  private readonly store: GroupStore;
  private readonly events: GroupEventSink;
  private readonly observer: CoordinatorObserver;
  private readonly subscribedTopicsOf: (metadata: Buffer) => string[];
  private readonly newMemberUuid: () => string;
  private cancelRetention: (() => void) | null = null;
  private readonly timestamps = new IsoTimestamps();

  constructor(options: GroupCoordinatorOptions) {
    this.config = options.config;
    this.clock = options.clock;
    this.store = options.store;
    this.events = options.events;
    this.observer = options.observer ?? NOOP_OBSERVER;
    this.subscribedTopicsOf = options.subscribedTopics;
    this.newMemberUuid = options.newMemberId ?? randomUUID;
  }

  /** Starts the periodic offset-retention sweep. */
  start(): void {
    const tick = () => {
      this.cleanupExpiredOffsets();
      this.cancelRetention = this.clock.schedule(this.config.offsetsRetentionCheckIntervalMs, tick);
    };
    this.cancelRetention = this.clock.schedule(this.config.offsetsRetentionCheckIntervalMs, tick);
  }

  /** Answers every held request (so connections are not left waiting) and stops all timers. */
  shutdown(): void {
    this.cancelRetention?.();
    for (const group of this.groups.values()) {
      group.rebalance?.cancel?.();
      group.cancelPendingSync?.();
      for (const cancel of group.pendingMembers.values()) cancel();
      for (const member of group.members.values()) {
        member.cancelExpiry?.();
        group.invokeJoin(member, joinError(member.memberId, ErrorCode.NOT_COORDINATOR));
        group.invokeSync(member, syncError(ErrorCode.NOT_COORDINATOR));
      }
    }
  }

  // ---------------------------------------------------------------- JoinGroup

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    if (!req.groupId) return Promise.resolve(joinError(req.memberId, ErrorCode.INVALID_GROUP_ID));
    if (req.sessionTimeoutMs < this.config.minSessionTimeoutMs || req.sessionTimeoutMs > this.config.maxSessionTimeoutMs) {
      return Promise.resolve(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isUnknownMember = req.memberId === '';
    let group = this.groups.get(req.groupId);
    if (!group) {
      if (!isUnknownMember) return Promise.resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = this.newGroup(req.groupId);
      this.groups.set(req.groupId, group);
    }
    const target = group;
    return new Promise<JoinGroupResult>((resolve) => {
      if (!this.acceptJoiningMember(target, req.memberId)) {
        const member = target.members.get(req.memberId);
        if (member) this.removeMember(target, member);
        resolve(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
      } else if (isUnknownMember) {
        this.doNewMemberJoin(target, req, resolve);
      } else {
        this.doCurrentMemberJoin(target, req, resolve);
      }
      if (target.is('PreparingRebalance')) this.tryCompleteJoin(target);
      this.dropIfUnused(target);
    });
  }

  private acceptJoiningMember(group: Group, memberId: string): boolean {
    const max = this.config.maxGroupSize;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance':
        return (group.has(memberId) && group.get(memberId).awaitingJoin !== null) || group.numMembersAwaitingJoin < max;
      default:
        return group.has(memberId) || group.members.size < max;
    }
  }

  private doNewMemberJoin(group: Group, req: JoinGroupRequest, resolve: (r: JoinGroupResult) => void): void {
    if (group.is('Dead')) return resolve(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) {
      return resolve(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const newMemberId = `${req.groupInstanceId ?? req.clientId}-${this.newMemberUuid()}`;
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMemberId(req.groupInstanceId);
      if (oldMemberId === undefined) this.addMemberAndRebalance(group, newMemberId, req, resolve);
      else this.updateStaticMemberAndRebalance(group, oldMemberId, newMemberId, req, resolve);
    } else if (req.requireKnownMemberId) {
      this.addPendingMember(group, newMemberId, req.sessionTimeoutMs);
      resolve({ ...joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED) });
    } else {
      this.addMemberAndRebalance(group, newMemberId, req, resolve);
    }
  }

  private doCurrentMemberJoin(group: Group, req: JoinGroupRequest, resolve: (r: JoinGroupResult) => void): void {
    const { memberId, groupInstanceId } = req;
    if (group.is('Dead')) return resolve(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) {
      return resolve(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.isPendingMember(memberId)) {
      if (groupInstanceId !== null) return resolve(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      return this.addMemberAndRebalance(group, memberId, req, resolve);
    }
    if (group.isStaticMemberFenced(memberId, groupInstanceId)) return resolve(joinError(memberId, ErrorCode.FENCED_INSTANCE_ID));
    const instanceUnknown = groupInstanceId !== null && group.staticMemberId(groupInstanceId) === undefined;
    if (!group.has(memberId) || instanceUnknown) return resolve(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));

    const member = group.get(memberId);
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, req, resolve, `member ${memberId} rejoined during the rebalance`);
      case 'CompletingRebalance':
        if (member.matches(req.protocols)) return resolve(this.joinResult(group, member));
        return this.updateMemberAndRebalance(group, member, req, resolve, `member ${memberId} changed its metadata`);
      case 'Stable':
        if (group.isLeader(memberId) || !member.matches(req.protocols)) {
          const why = group.isLeader(memberId) ? `leader ${memberId} rejoined` : `member ${memberId} changed its metadata`;
          return this.updateMemberAndRebalance(group, member, req, resolve, why);
        }
        return resolve({ ...this.joinResult(group, member), members: [] });
      default:
        return resolve(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private joinResult(group: Group, member: Member): JoinGroupResult {
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: group.isLeader(member.memberId) ? group.currentMemberMetadata() : [],
    };
  }

  private addPendingMember(group: Group, memberId: string, sessionTimeoutMs: number): void {
    group.pendingMembers.get(memberId)?.();
    const cancel = this.clock.schedule(sessionTimeoutMs, () => {
      if (!group.pendingMembers.delete(memberId)) return;
      this.observer.memberExpired('pending');
      if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
      this.dropIfUnused(group);
    });
    group.pendingMembers.set(memberId, cancel);
  }

  private addMemberAndRebalance(group: Group, memberId: string, req: JoinGroupRequest, resolve: (r: JoinGroupResult) => void): void {
    const member = new Member(
      memberId,
      req.groupInstanceId,
      req.clientId,
      req.clientHost,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      req.protocolType,
      req.protocols,
    );
    member.isNew = true;
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, resolve);
    this.scheduleExpiry(group, member, this.config.newMemberJoinTimeoutMs);
    this.emit(group, { type: 'member_joined', ...this.memberFields(member) });
    this.maybePrepareRebalance(group, `adding new member ${memberId}${req.groupInstanceId ? ` (instance ${req.groupInstanceId})` : ''}`);
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: JoinGroupRequest, resolve: (r: JoinGroupResult) => void, reason: string): void {
    this.replaceHeldJoin(group, member);
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, resolve);
    this.maybePrepareRebalance(group, reason);
  }

  /** A second JoinGroup from the same member supersedes the first; answer the first so its connection moves on. */
  private replaceHeldJoin(group: Group, member: Member): void {
    if (member.awaitingJoin) group.invokeJoin(member, joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
  }

  /**
   * KIP-345: a static member came back with a new member id. The old id is fenced. If the group is stable and the
   * protocol it would select is unchanged, the member gets the current generation back and no rebalance happens; the
   * old leader id is returned so the returning member never believes it must compute an assignment.
   */
  private updateStaticMemberAndRebalance(
    group: Group,
    oldMemberId: string,
    newMemberId: string,
    req: JoinGroupRequest,
    resolve: (r: JoinGroupResult) => void,
  ): void {
    const currentLeader = group.leaderId;
    const member = group.replaceStaticMember(
      req.groupInstanceId!,
      oldMemberId,
      newMemberId,
      joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID),
      syncError(ErrorCode.FENCED_INSTANCE_ID),
    );
    member.clientId = req.clientId;
    member.clientHost = req.clientHost;
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, resolve);
    this.scheduleExpiry(group, member, member.sessionTimeoutMs);
    this.emit(group, { type: 'member_joined', ...this.memberFields(member) });

    switch (group.state) {
      case 'Stable': {
        if (group.protocolName !== group.selectProtocol()) {
          this.maybePrepareRebalance(group, `static member ${newMemberId} rejoined with a different protocol`);
          return;
        }
        const generation = group.generationId;
        this.store.saveGroup(this.snapshot(group)).then(
          () => {
            if (group.members.get(newMemberId) !== member) return;
            group.invokeJoin(member, {
              errorCode: ErrorCode.NONE,
              generationId: generation,
              protocolType: group.protocolType,
              protocolName: group.protocolName,
              leader: currentLeader ?? '',
              memberId: newMemberId,
              members: [],
            });
          },
          () => group.invokeJoin(member, joinError(newMemberId, ErrorCode.COORDINATOR_NOT_AVAILABLE)),
        );
        return;
      }
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group, `static member ${newMemberId} rejoined while the group was completing a rebalance`);
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- rebalance

  private maybePrepareRebalance(group: Group, reason: string): void {
    if (group.canRebalance) this.prepareRebalance(group, reason);
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    group.cancelPendingSync?.();
    group.cancelPendingSync = null;
    const initial = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.clock.now());
    group.rebalance = { startedAt: this.clock.now(), reason, cancel: null, initial: false };
    this.observer.rebalanceStarted();
    this.emit(group, { type: 'rebalance_started', reason, members: group.members.size });
    if (initial) {
      const delay = this.config.initialRebalanceDelayMs;
      this.scheduleInitialJoin(group, delay, Math.max(group.rebalanceTimeoutMs - delay, 0));
    } else {
      // Often everyone has joined already (one-member groups, a leader's rejoin): then no deadline is armed at all.
      const rebalance = group.rebalance;
      this.tryCompleteJoin(group);
      if (group.rebalance === rebalance && group.is('PreparingRebalance')) this.scheduleJoinDeadline(group, group.rebalanceTimeoutMs);
    }
  }

  /**
   * KIP-134: a new group waits `initialRebalanceDelayMs` for more members, again each time one arrives, never longer
   * than the rebalance timeout in total. It does not complete early even when everyone has joined.
   */
  private scheduleInitialJoin(group: Group, delayMs: number, remainingMs: number): void {
    const rebalance = group.rebalance!;
    rebalance.cancel = this.clock.schedule(delayMs, () => {
      if (group.rebalance !== rebalance || !group.is('PreparingRebalance')) return;
      if (group.newMemberAdded && remainingMs !== 0) {
        group.newMemberAdded = false;
        const delay = Math.min(this.config.initialRebalanceDelayMs, remainingMs);
        this.scheduleInitialJoin(group, delay, Math.max(remainingMs - delay, 0));
      } else {
        rebalance.cancel = null;
        this.onCompleteJoin(group);
      }
    });
    rebalance.initial = true;
  }

  private scheduleJoinDeadline(group: Group, timeoutMs: number): void {
    const rebalance = group.rebalance!;
    rebalance.cancel?.();
    rebalance.initial = false;
    rebalance.cancel = this.clock.schedule(timeoutMs, () => {
      if (group.rebalance !== rebalance || !group.is('PreparingRebalance')) return;
      rebalance.cancel = null;
      this.onCompleteJoin(group);
    });
  }

  private tryCompleteJoin(group: Group): void {
    const rebalance = group.rebalance;
    if (!group.is('PreparingRebalance') || !rebalance || rebalance.initial) return;
    if (!group.hasAllMembersJoined) return;
    rebalance.cancel?.();
    rebalance.cancel = null;
    this.onCompleteJoin(group);
  }

  private onCompleteJoin(group: Group): void {
    for (const member of group.notYetRejoinedMembers) {
      if (member.isStatic) continue;
      this.removeMember(group, member);
      this.observer.memberExpired('rebalance');
      this.emit(group, { type: 'member_left', ...this.memberFields(member), reason: 'did not rejoin before the rebalance timeout' });
    }
    if (group.is('Dead')) return;
    if (!group.maybeElectNewJoinedLeader() && group.members.size > 0) {
      // Only static members are left and none came back: wait another round for them (or for their session expiry).
      this.scheduleJoinDeadline(group, group.rebalanceTimeoutMs);
      return;
    }
    group.initNextGeneration(this.clock.now());
    if (group.is('Empty')) {
      this.finishRebalance(group);
      this.store.saveGroup(this.snapshot(group)).catch(() => undefined);
      return;
    }
    for (const member of group.members.values()) {
      group.invokeJoin(member, this.joinResult(group, member));
      this.scheduleExpiry(group, member, member.sessionTimeoutMs);
      member.isNew = false;
      group.pendingSyncMembers.add(member.memberId);
    }
    this.schedulePendingSync(group);
  }

  private finishRebalance(group: Group): void {
    const rebalance = group.rebalance;
    group.rebalance = null;
    if (!rebalance) return;
    const duration = this.clock.now() - rebalance.startedAt;
    this.observer.rebalanceCompleted(duration);
    this.emit(group, {
      type: 'rebalance_completed',
      reason: rebalance.reason,
      members: group.members.size,
      duration_ms: duration,
      protocol: group.protocolName,
      leader: group.leaderId,
    });
  }

  /** Members that got their JoinGroup answer must send SyncGroup within the rebalance timeout or leave. */
  private schedulePendingSync(group: Group): void {
    group.cancelPendingSync?.();
    const generation = group.generationId;
    group.cancelPendingSync = this.clock.schedule(group.rebalanceTimeoutMs, () => {
      group.cancelPendingSync = null;
      if (generation !== group.generationId || !(group.is('CompletingRebalance') || group.is('Stable'))) return;
      if (group.pendingSyncMembers.size === 0) return;
      for (const memberId of [...group.pendingSyncMembers]) {
        const member = group.members.get(memberId);
        if (!member) continue;
        group.invokeSync(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID));
        this.removeMember(group, member);
        this.observer.memberExpired('sync');
        this.emit(group, { type: 'member_left', ...this.memberFields(member), reason: 'did not send SyncGroup before the rebalance timeout' });
      }
      this.prepareRebalance(group, 'removing members that did not send SyncGroup in time');
    });
  }

  private resetAndPropagateAssignmentError(group: Group, errorCode: number): void {
    for (const member of group.members.values()) {
      member.assignment = EMPTY_BYTES;
      group.invokeSync(member, syncError(errorCode));
    }
  }

  // ---------------------------------------------------------------- SyncGroup

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResult> {
    if (!req.groupId) return Promise.resolve(syncError(ErrorCode.INVALID_GROUP_ID));
    const group = this.groups.get(req.groupId);
    if (!group) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (group.is('Dead')) return Promise.resolve(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId)) return Promise.resolve(syncError(ErrorCode.FENCED_INSTANCE_ID));
    if (!group.has(req.memberId)) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (req.generationId !== group.generationId) return Promise.resolve(syncError(ErrorCode.ILLEGAL_GENERATION));
    if ((req.protocolType !== null && req.protocolType !== group.protocolType) || (req.protocolName !== null && req.protocolName !== group.protocolName)) {
      return Promise.resolve(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const member = group.get(req.memberId);
    switch (group.state) {
      case 'PreparingRebalance':
        return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'CompletingRebalance':
        return new Promise<SyncGroupResult>((resolve) => {
          group.invokeSync(member, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
          member.awaitingSync = resolve;
          this.syncReceived(group, member);
          if (group.isLeader(member.memberId)) this.completeAssignment(group, req.assignments);
        });
      case 'Stable':
        this.syncReceived(group, member);
        this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        return Promise.resolve({
          errorCode: ErrorCode.NONE,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          assignment: member.assignment,
        });
      default:
        return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  /** Once every member of the generation has sent SyncGroup, nobody is left for the pending-sync timer to remove. */
  private syncReceived(group: Group, member: Member): void {
    group.pendingSyncMembers.delete(member.memberId);
    if (group.pendingSyncMembers.size > 0) return;
    group.cancelPendingSync?.();
    group.cancelPendingSync = null;
  }

  /** Stores the leader's assignment (members it left out get empty bytes), then answers every waiting member. */
  private completeAssignment(group: Group, assignments: SyncGroupRequest['assignments']): void {
    const byMember = new Map<string, Buffer>();
    for (const { memberId, assignment } of assignments) {
      if (group.has(memberId)) byMember.set(memberId, Buffer.from(assignment));
    }
    for (const memberId of group.members.keys()) if (!byMember.has(memberId)) byMember.set(memberId, EMPTY_BYTES);
    const generation = group.generationId;
    this.store.saveGroup(this.snapshot(group, byMember)).then(
      () => {
        if (!group.is('CompletingRebalance') || group.generationId !== generation) return;
        for (const member of group.members.values()) {
          member.assignment = byMember.get(member.memberId) ?? EMPTY_BYTES;
          group.invokeSync(member, {
            errorCode: ErrorCode.NONE,
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            assignment: member.assignment,
          });
          this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        }
        group.transitionTo('Stable', this.clock.now());
        this.finishRebalance(group);
      },
      () => {
        if (!group.is('CompletingRebalance') || group.generationId !== generation) return;
        this.resetAndPropagateAssignmentError(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
        this.maybePrepareRebalance(group, 'the group assignment could not be stored');
      },
    );
  }

  // ---------------------------------------------------------------- Heartbeat and session expiry

  heartbeat(req: HeartbeatRequest): number {
    const errorCode = this.heartbeatError(req);
    this.observer.heartbeat(errorCode);
    return errorCode;
  }

  private heartbeatError(req: HeartbeatRequest): number {
    if (!req.groupId) return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(req.groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    const member = group.members.get(req.memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      default:
        this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        return ErrorCode.NONE;
    }
  }

  /**
   * Pushes the member's deadline out. Timers are not rescheduled on every heartbeat: the one pending timer checks
   * the deadline when it fires and re-arms itself, which keeps a heartbeat at a few field writes.
   */
  private scheduleExpiry(group: Group, member: Member, timeoutMs: number): void {
    const deadline = this.clock.now() + timeoutMs;
    member.heartbeatDeadline = deadline;
    if (member.cancelExpiry && member.expiryAt <= deadline) return;
    member.cancelExpiry?.();
    member.expiryAt = deadline;
    member.cancelExpiry = this.clock.schedule(timeoutMs, () => this.checkExpiry(group, member));
  }

  private checkExpiry(group: Group, member: Member): void {
    member.cancelExpiry = null;
    if (group.members.get(member.memberId) !== member) return;
    const now = this.clock.now();
    const keptAlive = !member.isNew && (member.awaitingJoin !== null || member.awaitingSync !== null);
    if (keptAlive) return this.scheduleExpiry(group, member, member.sessionTimeoutMs);
    if (now < member.heartbeatDeadline) {
      member.expiryAt = member.heartbeatDeadline;
      member.cancelExpiry = this.clock.schedule(member.heartbeatDeadline - now, () => this.checkExpiry(group, member));
      return;
    }
    this.observer.memberExpired('session');
    this.emit(group, {
      type: 'member_expired',
      ...this.memberFields(member),
      reason: member.isNew ? 'new member did not complete its join in time' : `no heartbeat within ${member.sessionTimeoutMs} ms`,
    });
    this.removeMemberAndUpdateGroup(group, member, `member ${member.memberId} session expired`);
  }

  private removeMember(group: Group, member: Member): void {
    group.remove(member.memberId);
  }

  private removeMemberAndUpdateGroup(group: Group, member: Member, reason: string): void {
    group.invokeJoin(member, joinError(member.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    group.invokeSync(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.removeMember(group, member);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group, reason);
        break;
      case 'PreparingRebalance':
        this.tryCompleteJoin(group);
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------- LeaveGroup

  leaveGroup(groupId: string, leaving: readonly LeavingMember[]): LeaveGroupResult {
    if (!groupId) return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const group = this.groups.get(groupId);
    if (!group) return { errorCode: ErrorCode.NONE, members: leaving.map((m) => ({ ...m, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })) };
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = leaving.map((m) => ({ ...m, errorCode: this.leaveOne(group, m) }));
    this.dropIfUnused(group);
    return { errorCode: ErrorCode.NONE, members };
  }

  private leaveOne(group: Group, { memberId, groupInstanceId }: LeavingMember): number {
    if (memberId === '') {
      // Administrative removal by instance id (LeaveGroup v3+).
      const current = group.staticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.leaveCurrentMember(group, group.get(current), 'removed by an administrator');
      return ErrorCode.NONE;
    }
    if (group.isPendingMember(memberId)) {
      group.pendingMembers.get(memberId)!();
      group.pendingMembers.delete(memberId);
      if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
      return ErrorCode.NONE;
    }
    if (group.isStaticMemberFenced(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    const member = group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.leaveCurrentMember(group, member, 'left the group');
    return ErrorCode.NONE;
  }

  private leaveCurrentMember(group: Group, member: Member, reason: string): void {
    this.emit(group, { type: 'member_left', ...this.memberFields(member), reason });
    this.removeMemberAndUpdateGroup(group, member, `member ${member.memberId} ${reason}`);
  }

  // ---------------------------------------------------------------- offsets

  /** One result per requested offset, in request order. */
  commitOffsets(req: OffsetCommitRequest): Promise<PartitionError[]> {
    const all = (errorCode: number) => {
      this.observer.offsetsCommitted(req.offsets.length, errorCode);
      return Promise.resolve(req.offsets.map(({ topic, partition }) => ({ topic, partition, errorCode })));
    };
    let group = this.groups.get(req.groupId);
    if (!group) {
      // No group management: a simple consumer or an admin tool committing for a group nobody has joined.
      if (req.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION);
      group = this.newGroup(req.groupId);
      this.groups.set(req.groupId, group);
    }
    const error = this.validateOffsetCommit(group, req);
    if (error !== ErrorCode.NONE) {
      this.dropIfUnused(group);
      return all(error);
    }
    switch (group.state) {
      case 'CompletingRebalance':
        return all(ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
      case 'PreparingRebalance': {
        const member = group.get(req.memberId);
        this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        break;
      }
      default:
        break;
    }
    return this.storeOffsets(group, req);
  }

  private validateOffsetCommit(group: Group, req: OffsetCommitRequest): number {
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
      if (!group.has(req.memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
      return ErrorCode.NONE;
    }
    // Only members may commit to a group that has members.
    return group.is('Empty') ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  private storeOffsets(group: Group, req: OffsetCommitRequest): Promise<PartitionError[]> {
    const now = this.clock.now();
    const results: PartitionError[] = new Array(req.offsets.length);
    const accepted: StoredOffset[] = [];
    let tooLarge = 0;
    for (let i = 0; i < req.offsets.length; i++) {
      const o = req.offsets[i];
      const metadata = o.metadata ?? '';
      if (metadata.length > this.config.offsetMetadataMaxBytes) {
        results[i] = { topic: o.topic, partition: o.partition, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
        tooLarge++;
        continue;
      }
      const commitTimestamp = o.commitTimestamp >= 0 ? o.commitTimestamp : now;
      accepted.push({
        topic: o.topic,
        partition: o.partition,
        offset: o.offset,
        leaderEpoch: o.leaderEpoch,
        metadata,
        commitTimestamp,
        expireTimestamp: req.retentionTimeMs >= 0 ? commitTimestamp + req.retentionTimeMs : null,
      });
    }
    if (tooLarge) this.observer.offsetsCommitted(tooLarge, ErrorCode.OFFSET_METADATA_TOO_LARGE);
    if (accepted.length === 0) return Promise.resolve(results);
    const settle = (errorCode: number): PartitionError[] => {
      this.observer.offsetsCommitted(accepted.length, errorCode);
      let next = 0;
      for (let i = 0; i < results.length; i++) {
        if (results[i] !== undefined) continue;
        const { topic, partition } = accepted[next++];
        results[i] = { topic, partition, errorCode };
      }
      return results;
    };
    return this.store.saveOffsets(group.groupId, accepted).then(
      () => {
        for (const o of accepted) {
          putCommittedOffset(group.offsets, o, (first) => ({
            offset: first.offset,
            leaderEpoch: first.leaderEpoch,
            metadata: first.metadata,
            commitTimestamp: first.commitTimestamp,
            expireTimestamp: first.expireTimestamp,
          }));
        }
        if (!this.groups.has(group.groupId) && !group.is('Dead')) this.groups.set(group.groupId, group);
        return settle(ErrorCode.NONE);
      },
      () => settle(ErrorCode.COORDINATOR_NOT_AVAILABLE),
    );
  }

  /** Committed offsets; `topics === null` means every committed partition of the group. */
  fetchOffsets(groupId: string, topics: readonly { topic: string; partitions: number[] }[] | null): FetchedOffset[] {
    const group = this.groups.get(groupId);
    const none = (topic: string, partition: number): FetchedOffset => ({
      topic,
      partition,
      offset: -1n,
      leaderEpoch: -1,
      metadata: '',
      errorCode: ErrorCode.NONE,
    });
    if (topics === null) {
      if (!group) return [];
      const out: FetchedOffset[] = [];
      for (const topic of [...group.offsets.keys()].sort()) {
        const partitions = group.offsets.get(topic)!;
        for (const partition of [...partitions.keys()].sort((a, b) => a - b)) {
          const o = partitions.get(partition)!;
          out.push({ topic, partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: ErrorCode.NONE });
        }
      }
      return out;
    }
    return topics.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => {
        const o = group?.offsets.get(topic)?.get(partition);
        return o ? { topic, partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: ErrorCode.NONE } : none(topic, partition);
      }),
    );
  }

  async deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<{ errorCode: number; partitions: PartitionError[] }> {
    if (!groupId) return { errorCode: ErrorCode.INVALID_GROUP_ID, partitions: [] };
    const group = this.groups.get(groupId);
    if (!group || group.is('Dead')) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, partitions: [] };
    let subscribed = new Set<string>();
    if (!group.is('Empty')) {
      if (group.protocolType !== 'consumer') return { errorCode: ErrorCode.NON_EMPTY_GROUP, partitions: [] };
      subscribed = this.subscribedTopics(group);
    }
    const results: PartitionError[] = [];
    const removable: { topic: string; partition: number }[] = [];
    for (const { topic, partition } of partitions) {
      if (subscribed.has(topic)) results.push({ topic, partition, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC });
      else removable.push({ topic, partition });
    }
    const present = removable.filter(({ topic, partition }) => group.offsets.get(topic)?.has(partition));
    if (present.length) {
      await this.store.removeOffsets(groupId, present);
      for (const { topic, partition } of present) this.forgetOffset(group, topic, partition);
    }
    for (const p of removable) results.push({ ...p, errorCode: ErrorCode.NONE });
    return { errorCode: ErrorCode.NONE, partitions: results };
  }

  private forgetOffset(group: Group, topic: string, partition: number): void {
    const partitions = group.offsets.get(topic);
    if (!partitions) return;
    partitions.delete(partition);
    if (partitions.size === 0) group.offsets.delete(topic);
  }

  private subscribedTopics(group: Group): Set<string> {
    const topics = new Set<string>();
    if (group.protocolType !== 'consumer' || group.protocolName === null) return topics;
    for (const member of group.members.values()) {
      const protocol = member.protocols.find((p) => p.name === group.protocolName);
      if (!protocol) continue;
      try {
        for (const topic of this.subscribedTopicsOf(protocol.metadata)) topics.add(topic);
      } catch {
        // Metadata a client wrote in a format we cannot read protects nothing; it is skipped.
      }
    }
    return topics;
  }

  /**
   * Offset retention (KIP-211): offsets of an empty group expire once the group has been empty for the retention
   * period; a stable consumer group loses offsets only for topics nobody subscribes to any more; explicit v2-v4
   * retention times are honoured. An empty group with nothing left disappears.
   */
  cleanupExpiredOffsets(): number {
    const now = this.clock.now();
    const retention = this.config.offsetsRetentionMs;
    let removed = 0;
    for (const group of [...this.groups.values()]) {
      const expired: { topic: string; partition: number }[] = [];
      const subscribed = group.is('Stable') ? this.subscribedTopics(group) : null;
      for (const [topic, partitions] of group.offsets) {
        for (const [partition, o] of partitions) {
          let expires: number | null;
          if (o.expireTimestamp !== null) expires = o.expireTimestamp;
          else if (group.is('Empty')) expires = (group.protocolType === null ? o.commitTimestamp : group.currentStateTimestamp) + retention;
          else if (subscribed && group.protocolType === 'consumer' && !subscribed.has(topic)) expires = o.commitTimestamp + retention;
          else expires = null;
          if (expires !== null && expires <= now) expired.push({ topic, partition });
        }
      }
      if (expired.length) {
        for (const { topic, partition } of expired) this.forgetOffset(group, topic, partition);
        this.store.removeOffsets(group.groupId, expired).catch(() => undefined);
        removed += expired.length;
      }
      if (group.is('Empty') && !group.hasOffsets && group.pendingMembers.size === 0) {
        group.transitionTo('Dead', now);
        this.groups.delete(group.groupId);
        this.store.removeGroup(group.groupId).catch(() => undefined);
      }
    }
    return removed;
  }

  // ---------------------------------------------------------------- admin

  describeGroup(groupId: string): GroupSummary {
    const group = this.groups.get(groupId);
    if (!group) {
      return { groupId, errorCode: ErrorCode.NONE, state: 'Dead', protocolType: '', protocol: '', generationId: -1, leaderId: null, members: [] };
    }
    const stable = group.is('Stable');
    return {
      groupId,
      errorCode: ErrorCode.NONE,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocol: stable ? (group.protocolName ?? '') : '',
      generationId: group.generationId,
      leaderId: group.leaderId,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadataFor(group.protocolName!) : EMPTY_BYTES,
        assignment: stable ? m.assignment : EMPTY_BYTES,
      })),
    };
  }

  /** The admin view: like DescribeGroups, but with the last assignment and the protocol in every state. */
  groupDetails(groupId: string): GroupDetails | undefined {
    const group = this.groups.get(groupId);
    if (!group) return undefined;
    return {
      groupId,
      state: group.state,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leaderId: group.leaderId,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        sessionTimeoutMs: m.sessionTimeoutMs,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        assignment: m.assignment,
      })),
    };
  }

  /** Committed offsets with their commit times, in topic and partition order; undefined for an unknown group. */
  committedOffsets(groupId: string): (CommittedOffset & { topic: string; partition: number })[] | undefined {
    const group = this.groups.get(groupId);
    if (!group) return undefined;
    const out: (CommittedOffset & { topic: string; partition: number })[] = [];
    for (const topic of [...group.offsets.keys()].sort()) {
      const partitions = group.offsets.get(topic)!;
      for (const partition of [...partitions.keys()].sort((a, b) => a - b)) out.push({ topic, partition, ...partitions.get(partition)! });
    }
    return out;
  }

  /** Every group (including offset-only ones), optionally only those in the given states (case-insensitive). */
  listGroups(statesFilter: readonly string[] = []): GroupListing[] {
    const wanted = new Set(statesFilter.map((s) => s.toLowerCase()));
    const out: GroupListing[] = [];
    for (const group of this.groups.values()) {
      if (wanted.size && !wanted.has(group.state.toLowerCase())) continue;
      out.push({ groupId: group.groupId, protocolType: group.protocolType ?? '', state: group.state });
    }
    return out.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    const results: { groupId: string; errorCode: number }[] = [];
    for (const groupId of groupIds) {
      const group = this.groups.get(groupId);
      if (!group || group.is('Dead')) {
        results.push({ groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND });
      } else if (!group.is('Empty') || group.pendingMembers.size > 0) {
        results.push({ groupId, errorCode: ErrorCode.NON_EMPTY_GROUP });
      } else {
        group.transitionTo('Dead', this.clock.now());
        this.groups.delete(groupId);
        try {
          await this.store.removeGroup(groupId);
          results.push({ groupId, errorCode: ErrorCode.NONE });
        } catch {
          results.push({ groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
        }
      }
    }
    return results;
  }

  /** Counts for the metrics gauges. */
  stats(): { groupsByState: Record<GroupState, number>; members: number } {
    const groupsByState: Record<GroupState, number> = { Empty: 0, PreparingRebalance: 0, CompletingRebalance: 0, Stable: 0, Dead: 0 };
    let members = 0;
    for (const group of this.groups.values()) {
      groupsByState[group.state]++;
      members += group.members.size;
    }
    return { groupsByState, members };
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Rebuilds groups from storage after a restart. Groups that had members come back Stable with their generation
   * and assignments, and every member gets a fresh session timeout to heartbeat or rejoin, as in Kafka.
   */
  restore(loaded: LoadedGroups): void {
    for (const [groupId, { group: stored, offsets }] of loaded.groups) {
      const group = this.newGroup(groupId);
      if (stored) {
        group.generationId = stored.generationId;
        group.protocolType = stored.protocolType;
        group.protocolName = stored.protocolName;
        for (const m of stored.members) {
          const protocols = stored.protocolName ? [{ name: stored.protocolName, metadata: m.subscription }] : [];
          const member = new Member(m.memberId, m.groupInstanceId, m.clientId, m.clientHost, m.rebalanceTimeoutMs, m.sessionTimeoutMs, stored.protocolType ?? '', protocols);
          member.assignment = m.assignment;
          group.add(member, null);
        }
        group.leaderId = stored.leaderId !== null && group.has(stored.leaderId) ? stored.leaderId : (group.members.keys().next().value ?? null);
        group.restoreState(group.members.size > 0 ? 'Stable' : 'Empty', stored.currentStateTimestamp);
        for (const member of group.members.values()) this.scheduleExpiry(group, member, member.sessionTimeoutMs);
      }
      for (const { topic, partition, ...value } of offsets) {
        let partitions = group.offsets.get(topic);
        if (!partitions) group.offsets.set(topic, (partitions = new Map()));
        partitions.set(partition, value);
      }
      if (group.members.size > 0 || group.hasOffsets || stored) this.groups.set(groupId, group);
    }
  }

  private snapshot(group: Group, assignments?: Map<string, Buffer>): StoredGroup {
    return {
      groupId: group.groupId,
      protocolType: group.protocolType,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leaderId: group.leaderId,
      currentStateTimestamp: group.currentStateTimestamp,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: group.protocolName ? (m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? EMPTY_BYTES) : EMPTY_BYTES,
        assignment: assignments?.get(m.memberId) ?? m.assignment,
      })),
    };
  }

  private newGroup(groupId: string): Group {
    return new Group(groupId, this.clock.now(), (group, from, to) => this.emit(group, { type: 'group_state_changed', from, to }));
  }

  /** A group created by a request that then failed, with nothing in it, is not kept (nor listed). */
  private dropIfUnused(group: Group): void {
    if (
      group.is('Empty') &&
      group.members.size === 0 &&
      group.pendingMembers.size === 0 &&
      !group.hasOffsets &&
      group.generationId === 0 &&
      this.groups.get(group.groupId) === group
    ) {
      this.groups.delete(group.groupId);
    }
  }

  // ---------------------------------------------------------------- events

  private memberFields(member: Member) {
    return {
      member_id: member.memberId,
      group_instance_id: member.groupInstanceId,
      client_id: member.clientId,
      client_host: member.clientHost,
    };
  }

  /**
   * Completes the event with the group's fields and publishes it. Every caller passes a fresh literal, so it is
   * completed in place: spreading events of a dozen shapes into a new object was megamorphic and cost ~15% of a
   * join+sync cycle.
   */
  private emit(group: Group, event: DistributiveOmit<GroupEvent, 'group_id' | 'generation' | 'at'>): void {
    const complete = event as GroupEvent;
    complete.group_id = group.groupId;
    complete.generation = group.generationId;
    complete.at = this.timestamps.format(this.clock.now());
    this.events.publish(complete);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
