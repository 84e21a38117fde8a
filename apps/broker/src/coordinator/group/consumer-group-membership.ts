import { type Assignment, forEachPartition, sameAssignment } from './assignment';
import type { ConsumerGroupMember, MemberAssignment } from './consumer-group-member';

/** A consumer group's state as KIP-848 names it (ConsumerGroupDescribe, ListGroups v5). */
export type ConsumerGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead';

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * The membership of a KIP-848 consumer group (Kafka's ConsumerGroup): the group epoch, the target assignment and
 * its epoch, the members, and who holds each partition. Offsets and the group's existence stay with the `Group`
 * that carries this object. Every change of a member's partitions goes through `setMemberAssignment`, so the
 * owner index that keeps a partition from being given to a second member is always exact.
 */
export class ConsumerGroupMembership {
  /** Bumped by every change that can change the target assignment (joins, leaves, subscriptions, topics). */
  groupEpoch = 0;
  /** The group epoch the target assignment was computed at. */
  assignmentEpoch = 0;
  target = new Map<string, Assignment>();
  readonly members = new Map<string, ConsumerGroupMember>();
  private readonly staticMembers = new Map<string, string>();
  /** Partition → the member that has it assigned or is still revoking it. */
  private readonly owners = new Map<string, string>();
  /** Members not at the target epoch or not yet holding all of their target. */
  private readonly unreconciled = new Set<string>();
  /** Subscribed topics that exist → partitions, as of the last resolution; drives the target assignment. */
  subscribedTopics = new Map<string, number>();
  /** Topic metadata version and membership change the subscription was last resolved at. */
  resolvedAtVersion = -1;
  subscriptionsChanged = true;
  /** The assignor the last target assignment used. */
  assignorName: string | null = null;
  /** A reconciliation in progress: since when and why, for the rebalance events and histogram. */
  rebalance: { startedAt: number; reason: string } | null = null;
  /** The target computation the heartbeats of this event-loop turn wait for, if one is pending. */
  targetComputation: Promise<void> | null = null;
  /** The group-log write still in flight, if any: a heartbeat with nothing new to write waits for it. */
  lastWrite: Promise<void> | null = null;
  /** What changed since the last `takeChanges`: the group's fields, members to rewrite, members gone. */
  private changed = false;
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();

  get state(): ConsumerGroupState {
    if (this.members.size === 0) return 'Empty';
    if (this.groupEpoch > this.assignmentEpoch) return 'Assigning';
    return this.unreconciled.size > 0 ? 'Reconciling' : 'Stable';
  }

  staticMemberId(instanceId: string): string | undefined {
    return this.staticMembers.get(instanceId);
  }

  /** The member that holds the partition (assigned or still revoking it), if any. */
  ownerOf(topic: string, partition: number): string | undefined {
    return this.owners.get(key(topic, partition));
  }

  /** The group's own fields changed (epochs, assignor, resolved subscriptions). */
  markChanged(): void {
    this.changed = true;
  }

  /** The member's stored record is out of date. */
  markDirty(member: ConsumerGroupMember): void {
    this.changed = true;
    this.dirty.add(member.memberId);
  }

  /** What to write to the group log for the changes since the last call; null when nothing changed. */
  takeChanges(): { changed: ConsumerGroupMember[]; removed: string[] } | null {
    if (!this.changed) return null;
    const changed = [...this.dirty].map((id) => this.members.get(id)!).filter((m) => m !== undefined);
    const removed = [...this.removed];
    this.changed = false;
    this.dirty.clear();
    this.removed.clear();
    return { changed, removed };
  }

  add(member: ConsumerGroupMember): void {
    this.removed.delete(member.memberId);
    this.markDirty(member);
    this.members.set(member.memberId, member);
    if (member.instanceId !== null) this.staticMembers.set(member.instanceId, member.memberId);
    this.claim(member);
    this.track(member);
  }

  /** Removes the member and frees its partitions. */
  remove(member: ConsumerGroupMember): void {
    this.changed = true;
    this.dirty.delete(member.memberId);
    this.removed.add(member.memberId);
    member.stopTimers();
    this.members.delete(member.memberId);
    if (member.instanceId !== null && this.staticMembers.get(member.instanceId) === member.memberId) this.staticMembers.delete(member.instanceId);
    this.release(member);
    this.unreconciled.delete(member.memberId);
    this.target.delete(member.memberId);
  }

  /**
   * KIP-848 static membership: `next` takes over the place of `previous`: its epoch, partitions and target, and its
   * subscription (the request that rejoins may change it afterwards, like any heartbeat).
   */
  replaceStatic(previous: ConsumerGroupMember, next: ConsumerGroupMember): void {
    const target = this.target.get(previous.memberId);
    this.release(previous);
    previous.stopTimers();
    this.dirty.delete(previous.memberId);
    this.removed.add(previous.memberId);
    this.members.delete(previous.memberId);
    this.unreconciled.delete(previous.memberId);
    this.target.delete(previous.memberId);
    next.epoch = previous.epoch;
    next.previousEpoch = previous.previousEpoch;
    next.state = previous.state;
    next.assigned = previous.assigned;
    next.revoking = previous.revoking;
    next.subscribedTopicNames = previous.subscribedTopicNames;
    next.subscribedTopicRegex = previous.subscribedTopicRegex;
    next.serverAssignor = previous.serverAssignor;
    next.rebalanceTimeoutMs = previous.rebalanceTimeoutMs;
    if (target) this.target.set(next.memberId, target);
    this.add(next);
  }

  /** Applies one reconciliation step's result to the member and the owner index. */
  setMemberAssignment(member: ConsumerGroupMember, next: MemberAssignment): void {
    const unchanged =
      next === member ||
      (next.epoch === member.epoch && next.state === member.state && sameAssignment(next.assigned, member.assigned) && sameAssignment(next.revoking, member.revoking));
    if (!unchanged) {
      this.release(member);
      if (next.epoch !== member.epoch) member.previousEpoch = member.epoch;
      member.epoch = next.epoch;
      member.state = next.state;
      member.assigned = next.assigned;
      member.revoking = next.revoking;
      this.claim(member);
      this.markDirty(member);
    }
    this.track(member);
  }

  private track(member: ConsumerGroupMember): void {
    if (member.state === 'stable' && member.epoch === this.assignmentEpoch) this.unreconciled.delete(member.memberId);
    else this.unreconciled.add(member.memberId);
  }

  /** A new target: members whose part of it changed are rewritten, and every member is measured against it again. */
  setTarget(target: Map<string, Assignment>, epoch: number, assignorName: string): void {
    for (const member of this.members.values()) {
      const before = this.target.get(member.memberId);
      const after = target.get(member.memberId);
      if (!before || !after || !sameAssignment(before, after)) this.markDirty(member);
    }
    this.target = target;
    this.assignmentEpoch = epoch;
    this.assignorName = assignorName;
    this.changed = true;
    this.unreconciled.clear();
    for (const member of this.members.values()) this.track(member);
  }

  private claim(member: ConsumerGroupMember): void {
    const set = (topic: string, p: number) => this.owners.set(key(topic, p), member.memberId);
    forEachPartition(member.assigned, set);
    forEachPartition(member.revoking, set);
  }

  private release(member: ConsumerGroupMember): void {
    const drop = (topic: string, p: number) => {
      const k = key(topic, p);
      if (this.owners.get(k) === member.memberId) this.owners.delete(k);
    };
    forEachPartition(member.assigned, drop);
    forEachPartition(member.revoking, drop);
  }
}
