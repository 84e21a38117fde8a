import { AssignmentBuilder } from './assignment-builder';
import { PartitionIndex } from './partition-index';
import type { AssignorMember, GroupAssignment, PartitionCounts } from './types';

/** Result of the sticky computation before it is rendered, shared with the cooperative variant. */
export interface StickyPlan {
  index: PartitionIndex;
  /** Target member index per partition id, -1 when no member subscribes to the topic. */
  target: Int32Array;
  /** Member index whose ownership claim was accepted per partition id, -1 when none. */
  previousOwner: Int32Array;
}

/**
 * Which member keeps each claimed partition: the claim must be for a subscribed topic; among several claims the
 * highest generation wins, then member order (a stale claimant has already lost the partition, as in Kafka's
 * AbstractStickyAssignor).
 */
function acceptClaims(index: PartitionIndex): Int32Array {
  const owner = new Int32Array(index.partitionCount).fill(-1);
  const ownerGeneration = new Int32Array(index.partitionCount);
  index.members.forEach((member, m) => {
    const generation = member.generation ?? -1;
    for (const id of index.ownedIds(member.ownedPartitions)) {
      if (!index.memberTopics[m].has(index.topicOf[id])) continue;
      if (owner[id] === -1 || generation > ownerGeneration[id]) {
        owner[id] = m;
        ownerGeneration[id] = generation;
      }
    }
  });
  return owner;
}

/** Per member and topic, the partitions held, split so that moves take newly placed partitions before kept ones. */
class Holdings {
  readonly count: Int32Array;
  private readonly fresh: Map<number, number[]>[];
  private readonly kept: Map<number, number[]>[];

  constructor(memberCount: number) {
    this.count = new Int32Array(memberCount);
    this.fresh = Array.from({ length: memberCount }, () => new Map());
    this.kept = Array.from({ length: memberCount }, () => new Map());
  }

  add(member: number, topic: number, id: number, kept: boolean): void {
    const table = (kept ? this.kept : this.fresh)[member];
    const list = table.get(topic);
    if (list) list.push(id);
    else table.set(topic, [id]);
    this.count[member]++;
  }

  heldTopics(member: number): Iterable<number> {
    const topics = new Set<number>();
    for (const [t, list] of this.fresh[member]) if (list.length) topics.add(t);
    for (const [t, list] of this.kept[member]) if (list.length) topics.add(t);
    return topics;
  }

  /** Removes one partition of `topic` from `member`, preferring one it did not own before this rebalance. */
  take(member: number, topic: number): number {
    const fresh = this.fresh[member].get(topic);
    const list = fresh && fresh.length ? fresh : this.kept[member].get(topic)!;
    this.count[member]--;
    return list.pop()!;
  }
}

/**
 * Kafka's `sticky` target: every partition goes to a subscribed member; the result is balanced (no member holds two
 * or more partitions more than another member that could take one of them); and as few previously owned
 * partitions as possible change owner.
 */
export function planSticky(members: readonly AssignorMember[], partitionCounts: PartitionCounts): StickyPlan {
  const index = new PartitionIndex(members, partitionCounts);
  const previousOwner = acceptClaims(index);
  const holdings = new Holdings(index.members.length);
  const target = new Int32Array(index.partitionCount).fill(-1);

  const unowned: number[] = [];
  for (let id = 0; id < index.partitionCount; id++) {
    const owner = previousOwner[id];
    if (owner >= 0) {
      holdings.add(owner, index.topicOf[id], id, true);
      target[id] = owner;
    } else if (index.subscribers[index.topicOf[id]].length > 0) {
      unowned.push(id);
    }
  }

  // Most constrained partitions first, so that members with narrow subscriptions get theirs before wide ones fill up.
  unowned.sort((a, b) => index.subscribers[index.topicOf[a]].length - index.subscribers[index.topicOf[b]].length || a - b);
  for (const id of unowned) {
    const t = index.topicOf[id];
    const m = leastLoaded(index.subscribers[t], holdings.count);
    holdings.add(m, t, id, false);
    target[id] = m;
  }

  rebalance(index, holdings, target);
  return { index, target, previousOwner };
}

function leastLoaded(candidates: readonly number[], count: Int32Array): number {
  let best = candidates[0];
  for (const m of candidates) if (count[m] < count[best]) best = m;
  return best;
}

/**
 * Moves one partition at a time from the most loaded member that has a movable partition to the least loaded
 * subscriber of that partition's topic, while the gap is two or more. Each move lowers the sum of squared loads, so
 * the loop ends; with identical subscriptions givers stay at the maximum and receivers at the minimum, so no
 * partition moves twice and the number of moves is the least any balanced assignment needs.
 */
function rebalance(index: PartitionIndex, holdings: Holdings, target: Int32Array): void {
  const count = holdings.count;
  for (;;) {
    const minSubscriber = index.subscribers.map((subs) => (subs.length ? leastLoaded(subs, count) : -1));
    let giver = -1;
    let giverTopic = -1;
    let receiver = -1;
    for (let m = 0; m < index.members.length; m++) {
      if (giver >= 0 && count[m] <= count[giver]) continue;
      for (const t of holdings.heldTopics(m)) {
        const r = minSubscriber[t];
        if (count[m] - count[r] >= 2 && (giver !== m || count[r] < count[receiver])) {
          giver = m;
          giverTopic = t;
          receiver = r;
        }
      }
    }
    if (giver < 0) return;
    const id = holdings.take(giver, giverTopic);
    holdings.add(receiver, giverTopic, id, false);
    target[id] = receiver;
  }
}

export function renderPlan(plan: StickyPlan, members: readonly AssignorMember[], include: (id: number) => boolean): GroupAssignment {
  const builder = new AssignmentBuilder(members);
  const { index, target } = plan;
  for (let id = 0; id < index.partitionCount; id++) {
    if (target[id] >= 0 && include(id)) {
      builder.add(index.members[target[id]].memberId, index.topicName(id), index.partitionNumber(id));
    }
  }
  return builder.build();
}

export function stickyAssign(members: readonly AssignorMember[], partitionCounts: PartitionCounts): GroupAssignment {
  return renderPlan(planSticky(members, partitionCounts), members, () => true);
}
