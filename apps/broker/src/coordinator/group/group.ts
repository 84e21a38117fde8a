import type { GroupState } from '@app/domain';
import type { CancelTimer } from '../time/clock';
import type { ConsumerGroupMembership } from './consumer-group-membership';
import { Member, type JoinGroupResult, type Protocol, type SyncGroupResult } from './member';

export interface CommittedOffset {
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** Explicit expiry from a v2-v4 retention time; null = the group's retention rules apply. */
  expireTimestamp: number | null;
}

const VALID_PREVIOUS: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

/** A rebalance in progress: when it started and why, for events and the duration histogram. */
export interface RebalanceInfo {
  startedAt: number;
  reason: string;
  cancel: CancelTimer | null;
  /** The KIP-134 initial delay is running: the rebalance does not complete early. */
  initial: boolean;
}

/**
 * One group and its committed offsets. A classic group (Kafka's GroupMetadata) keeps its membership and protocol
 * here; a KIP-848 consumer group keeps its membership in `consumer`, and `state` then only says Empty or Stable
 * (whether it has members), which is what classic requests and classic-only tools act on.
 */
export class Group {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  currentStateTimestamp: number;
  readonly members = new Map<string, Member>();
  readonly pendingMembers = new Map<string, CancelTimer>();
  readonly pendingSyncMembers = new Set<string>();
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  private readonly staticMembers = new Map<string, string>();
  private readonly supportedProtocols = new Map<string, number>();
  numMembersAwaitingJoin = 0;
  /** A member joined while the initial delay was running, so the delay is extended once more. */
  newMemberAdded = false;
  rebalance: RebalanceInfo | null = null;
  cancelPendingSync: CancelTimer | null = null;
  /** Set when the group uses the consumer protocol (KIP-848): its members, epochs and assignments. */
  consumer: ConsumerGroupMembership | null = null;

  constructor(
    readonly groupId: string,
    now: number,
    private readonly onTransition: (group: Group, from: GroupState, to: GroupState) => void = () => undefined,
  ) {
    this.currentStateTimestamp = now;
  }

  is(state: GroupState): boolean {
    return this.state === state;
  }

  transitionTo(state: GroupState, now: number): void {
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${state}`);
    }
    const from = this.state;
    this.state = state;
    this.currentStateTimestamp = now;
    if (from !== state) this.onTransition(this, from, state);
  }

  /**
   * A consumer-protocol group has members or not; its finer state is `consumer.state`. Classic transitions do not
   * apply, but observers see the change like any other.
   */
  setConsumerProtocolState(state: 'Empty' | 'Stable', now: number): void {
    if (this.state === state) return;
    const from = this.state;
    this.state = state;
    this.currentStateTimestamp = now;
    this.onTransition(this, from, state);
  }

  /** Used when loading persisted state, which is not a transition. */
  restoreState(state: GroupState, at: number): void {
    this.state = state;
    this.currentStateTimestamp = at;
  }

  get canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state);
  }

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  get(memberId: string): Member {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`group ${this.groupId}: no member ${memberId}`);
    return member;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId);
  }

  staticMemberId(groupInstanceId: string | null): string | undefined {
    return groupInstanceId === null ? undefined : this.staticMembers.get(groupInstanceId);
  }

  /** The instance id is held by a different member id: the caller is an older incarnation. */
  isStaticMemberFenced(memberId: string, groupInstanceId: string | null): boolean {
    const current = this.staticMemberId(groupInstanceId);
    return current !== undefined && current !== memberId;
  }

  add(member: Member, onJoin: ((result: JoinGroupResult) => void) | null): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    this.countProtocols(member.protocols, 1);
    member.awaitingJoin = onJoin;
    if (onJoin) this.numMembersAwaitingJoin++;
    this.pendingMembers.get(member.memberId)?.();
    this.pendingMembers.delete(member.memberId);
  }

  remove(memberId: string): Member | undefined {
    const member = this.members.get(memberId);
    if (!member) return undefined;
    this.members.delete(memberId);
    this.countProtocols(member.protocols, -1);
    if (member.awaitingJoin) this.numMembersAwaitingJoin--;
    if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === memberId) {
      this.staticMembers.delete(member.groupInstanceId);
    }
    this.pendingSyncMembers.delete(memberId);
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null;
    member.cancelExpiry?.();
    member.cancelExpiry = null;
    return member;
  }

  /** KIP-345: the instance id moves to a new member id; whoever still waits as the old id is fenced. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string, fenced: JoinGroupResult, fencedSync: SyncGroupResult): Member {
    const member = this.get(oldMemberId);
    this.members.delete(oldMemberId);
    this.invokeJoin(member, fenced);
    this.invokeSync(member, fencedSync);
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId);
    this.staticMembers.set(groupInstanceId, newMemberId);
    return member;
  }

  updateMember(member: Member, protocols: Protocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, onJoin: (r: JoinGroupResult) => void): void {
    this.countProtocols(member.protocols, -1);
    this.countProtocols(protocols, 1);
    member.protocols = protocols;
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (!member.awaitingJoin) this.numMembersAwaitingJoin++;
    member.awaitingJoin = onJoin;
  }

  invokeJoin(member: Member, result: JoinGroupResult): void {
    const callback = member.awaitingJoin;
    if (!callback) return;
    member.awaitingJoin = null;
    this.numMembersAwaitingJoin--;
    callback(result);
  }

  invokeSync(member: Member, result: SyncGroupResult): void {
    const callback = member.awaitingSync;
    if (!callback) return;
    member.awaitingSync = null;
    callback(result);
  }

  private countProtocols(protocols: readonly Protocol[], delta: number): void {
    for (const { name } of protocols) {
      const n = (this.supportedProtocols.get(name) ?? 0) + delta;
      if (n > 0) this.supportedProtocols.set(name, n);
      else this.supportedProtocols.delete(name);
    }
  }

  /** A joining member fits when its type matches and it shares a protocol with every current member. */
  supportsProtocols(protocolType: string, protocols: readonly Protocol[]): boolean {
    if (this.is('Empty')) return protocolType !== '' && protocols.length > 0;
    return (
      this.protocolType === protocolType && protocols.some((p) => this.supportedProtocols.get(p.name) === this.members.size)
    );
  }

  candidateProtocols(): Set<string> {
    const candidates = new Set<string>();
    for (const [name, count] of this.supportedProtocols) if (count === this.members.size) candidates.add(name);
    return candidates;
  }

  /**
   * Each member votes for its first protocol among those all support; the most votes win. Ties go to the protocol
   * that comes first in the leader's preference list, so the choice never depends on map order.
   */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const member of this.members.values()) {
      const vote = member.vote(candidates);
      votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    const preference = (this.leaderId ? this.members.get(this.leaderId) : undefined) ?? this.members.values().next().value!;
    let best: string | null = null;
    for (const { name } of preference.protocols) {
      const n = votes.get(name) ?? 0;
      if (n > 0 && (best === null || n > votes.get(best)!)) best = name;
    }
    return best!;
  }

  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numMembersAwaitingJoin && this.pendingMembers.size === 0;
  }

  /** The largest rebalance timeout of the members: how long a rebalance may wait for stragglers. */
  get rebalanceTimeoutMs(): number {
    let max = 0;
    for (const member of this.members.values()) max = Math.max(max, member.rebalanceTimeoutMs);
    return max;
  }

  /** Keeps the leader if it rejoined, otherwise hands leadership to any member that did. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.awaitingJoin) return true;
    for (const member of this.members.values()) {
      if (member.awaitingJoin) {
        this.leaderId = member.memberId;
        return true;
      }
    }
    return false;
  }

  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance', now);
    } else {
      this.protocolName = null;
      this.transitionTo('Empty', now);
    }
    this.pendingSyncMembers.clear();
  }

  /** Metadata of every member for the chosen protocol: what the leader receives to compute the assignment. */
  currentMemberMetadata(): JoinGroupResult['members'] {
    const protocol = this.protocolName!;
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(protocol) }));
  }

  get notYetRejoinedMembers(): Member[] {
    return [...this.members.values()].filter((m) => !m.awaitingJoin);
  }

  get hasOffsets(): boolean {
    return this.offsets.size > 0;
  }
}
