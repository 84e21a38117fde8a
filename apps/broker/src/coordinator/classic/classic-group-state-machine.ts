import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@app/kafka-protocol';
import type { CoordinatorConfig } from '../config/coordinator-config';
import type { Group } from '../group/group';
import { memberFields, type GroupEventEmitter } from '../group/group-event-emitter';
import type { HeartbeatRequest, JoinGroupRequest, LeaveGroupResult, LeavingMember, SyncGroupRequest } from '../group/group-requests';
import type { GroupTable } from '../group/group-table';
import { EMPTY_BYTES, Member, type JoinGroupResult, type SyncGroupResult } from '../group/member';
import type { CoordinatorObserver } from '../metrics/coordinator-observer';
import type { GroupStore } from '../persistence/group-store';
import { snapshotOf } from '../persistence/group-snapshot';
import type { Clock } from '../time/clock';

export interface ClassicGroupStateMachineOptions {
  config: CoordinatorConfig;
  clock: Clock;
  store: GroupStore;
  groups: GroupTable;
  events: GroupEventEmitter;
  observer: CoordinatorObserver;
  newMemberId?: () => string;
}

export const joinError = (memberId: string, errorCode: number): JoinGroupResult => ({
  errorCode,
  generationId: -1,
  protocolType: null,
  protocolName: null,
  leader: '',
  memberId,
  members: [],
});

export const syncError = (errorCode: number): SyncGroupResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES });

/**
 * The classic group protocol's state machine, following Apache Kafka's GroupCoordinator (GroupMetadataManager's
 * classic half): JoinGroup/SyncGroup answers held until the rebalance completes, session, rebalance and sync
 * timeouts, static membership (KIP-345), LeaveGroup and DeleteGroups. Offsets are the OffsetManager's; group
 * existence is the GroupTable's. Single-threaded by construction (one event loop), so every transition runs to
 * completion before the next request is looked at.
 */
export class ClassicGroupStateMachine {
  private readonly config: CoordinatorConfig;
  private readonly clock: Clock;
  private readonly store: GroupStore;
  private readonly groups: GroupTable;
  private readonly events: GroupEventEmitter;
  private readonly observer: CoordinatorObserver;
  private readonly newMemberUuid: () => string;

  constructor(options: ClassicGroupStateMachineOptions) {
    this.config = options.config;
    this.clock = options.clock;
    this.store = options.store;
    this.groups = options.groups;
    this.events = options.events;
    this.observer = options.observer;
    this.newMemberUuid = options.newMemberId ?? randomUUID;
  }

  /** Answers every held request (so connections are not left waiting) and stops the groups' timers. */
  shutdown(): void {
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
    if (!isUnknownMember && !this.groups.get(req.groupId)) return Promise.resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    const target = this.groups.getOrCreate(req.groupId);
    if (target.consumer) {
      // A KIP-848 group: classic members may take it over only once it is empty (Kafka converts it then).
      if (target.consumer.members.size > 0) return Promise.resolve(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      target.consumer = null;
      target.protocolType = null;
      this.store.removeConsumerGroup(target.groupId).catch(() => undefined);
    }
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
      this.groups.dropIfUnused(target);
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
      this.groups.dropIfUnused(group);
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
    this.events.emit(group, { type: 'member_joined', ...memberFields(member) });
    this.maybePrepareRebalance(group, withClientReason(`adding new member ${memberId}${req.groupInstanceId ? ` (instance ${req.groupInstanceId})` : ''}`, req.reason));
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: JoinGroupRequest, resolve: (r: JoinGroupResult) => void, reason: string): void {
    this.replaceHeldJoin(group, member);
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, resolve);
    this.maybePrepareRebalance(group, withClientReason(reason, req.reason));
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
    this.events.emit(group, { type: 'member_joined', ...memberFields(member) });

    switch (group.state) {
      case 'Stable': {
        if (group.protocolName !== group.selectProtocol()) {
          this.maybePrepareRebalance(group, `static member ${newMemberId} rejoined with a different protocol`);
          return;
        }
        const generation = group.generationId;
        // KIP-814: only a v9+ leader can be told it leads without being asked to assign again.
        const skipAssignment = req.supportsSkipAssignment === true && group.isLeader(newMemberId);
        this.store.saveGroup(snapshotOf(group)).then(
          () => {
            if (group.members.get(newMemberId) !== member) return;
            group.invokeJoin(member, {
              errorCode: ErrorCode.NONE,
              generationId: generation,
              protocolType: group.protocolType,
              protocolName: group.protocolName,
              leader: skipAssignment ? newMemberId : (currentLeader ?? ''),
              memberId: newMemberId,
              members: skipAssignment ? group.currentMemberMetadata() : [],
              skipAssignment,
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
    this.events.emit(group, { type: 'rebalance_started', reason, members: group.members.size });
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
      this.events.emit(group, { type: 'member_left', ...memberFields(member), reason: 'did not rejoin before the rebalance timeout' });
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
      this.store.saveGroup(snapshotOf(group)).catch(() => undefined);
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
    this.events.emit(group, {
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
        this.events.emit(group, { type: 'member_left', ...memberFields(member), reason: 'did not send SyncGroup before the rebalance timeout' });
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
    this.store.saveGroup(snapshotOf(group, byMember)).then(
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
  scheduleExpiry(group: Group, member: Member, timeoutMs: number): void {
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
    this.events.emit(group, {
      type: 'member_expired',
      ...memberFields(member),
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
    if (!group) {
      return { errorCode: ErrorCode.NONE, members: leaving.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })) };
    }
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = leaving.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: this.leaveOne(group, m) }));
    this.groups.dropIfUnused(group);
    return { errorCode: ErrorCode.NONE, members };
  }

  private leaveOne(group: Group, { memberId, groupInstanceId, reason }: LeavingMember): number {
    if (memberId === '') {
      // Administrative removal by instance id (LeaveGroup v3+).
      const current = group.staticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.leaveCurrentMember(group, group.get(current), withClientReason('removed by an administrator', reason));
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
    this.leaveCurrentMember(group, member, withClientReason('left the group', reason));
    return ErrorCode.NONE;
  }

  private leaveCurrentMember(group: Group, member: Member, reason: string): void {
    this.events.emit(group, { type: 'member_left', ...memberFields(member), reason });
    this.removeMemberAndUpdateGroup(group, member, `member ${member.memberId} ${reason}`);
  }

  // ---------------------------------------------------------------- DeleteGroups

  /** Only empty groups go (with their offsets); others get NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND. */
  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    const results: { groupId: string; errorCode: number }[] = [];
    for (const groupId of groupIds) {
      const group = this.groups.get(groupId);
      if (!group || group.is('Dead')) {
        results.push({ groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND });
      } else if (!group.is('Empty') || group.pendingMembers.size > 0) {
        results.push({ groupId, errorCode: ErrorCode.NON_EMPTY_GROUP });
      } else {
        this.groups.remove(group);
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
}

/** A reason the client gave (JoinGroup v8+, LeaveGroup v5+, KIP-800) appended as Apache logs it. */
function withClientReason(reason: string, clientReason: string | null | undefined): string {
  return clientReason ? `${reason}; client reason: ${clientReason}` : reason;
}
