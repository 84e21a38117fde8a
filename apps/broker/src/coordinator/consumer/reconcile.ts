import { addPartition, type Assignment, intersects } from '../group/assignment';
import type { MemberAssignment } from '../group/consumer-group-member';

export interface ReconcileInput {
  /** The epoch of the group's target assignment. */
  targetEpoch: number;
  /** The member's partitions in the target assignment. */
  target: Assignment;
  /** What the member reported owning in this heartbeat; null when it did not say (nothing changed for it). */
  owned: Assignment | null;
  /** The partition is assigned to, or still being revoked by, another member. */
  ownedByOther: (topic: string, partition: number) => boolean;
}

/**
 * One reconciliation step of a member towards its target assignment, as Kafka's CurrentAssignmentBuilder takes it
 * (KIP-848): a member first gives up the partitions it must lose (it stays at its epoch, told to revoke), and only
 * once it no longer reports them moves to the target epoch; a partition another member still holds is not given
 * to it until that member has released it. Pure: returns the member's next assignment, or `current` unchanged.
 */
export function reconcile(current: MemberAssignment, input: ReconcileInput): MemberAssignment {
  switch (current.state) {
    case 'stable':
      return current.epoch === input.targetEpoch ? current : computeNext(current, input);
    case 'unrevoked_partitions':
      // Still reports a partition it was told to revoke (or did not say): it cannot progress yet.
      return ownsAnyOf(current.revoking, input.owned) ? current : computeNext(current, input);
    case 'unreleased_partitions':
      return computeNext(current, input);
  }
}

/** Unknown ownership (the member sent no list) counts as still owning, as in Kafka. */
function ownsAnyOf(revoking: Assignment, owned: Assignment | null): boolean {
  if (owned === null) return true;
  return intersects(revoking, owned);
}

function computeNext(current: MemberAssignment, { targetEpoch, target, owned, ownedByOther }: ReconcileInput): MemberAssignment {
  const assigned: Assignment = new Map();
  const revoking: Assignment = new Map();
  const pending: Assignment = new Map();
  let unreleased = false;
  for (const [topic, partitions] of current.assigned) {
    const targetPartitions = target.get(topic);
    for (const p of partitions) {
      if (targetPartitions?.has(p)) addPartition(assigned, topic, p);
      else addPartition(revoking, topic, p);
    }
  }
  for (const [topic, partitions] of target) {
    const held = current.assigned.get(topic);
    for (const p of partitions) {
      if (held?.has(p)) continue;
      if (ownedByOther(topic, p)) unreleased = true;
      else addPartition(pending, topic, p);
    }
  }
  if (revoking.size > 0 && ownsAnyOf(revoking, owned)) {
    // Revoke first: same epoch, the kept partitions only, until the member no longer reports the revoked ones.
    return { epoch: current.epoch, state: 'unrevoked_partitions', assigned, revoking };
  }
  for (const [topic, partitions] of pending) for (const p of partitions) addPartition(assigned, topic, p);
  return { epoch: targetEpoch, state: unreleased ? 'unreleased_partitions' : 'stable', assigned, revoking: new Map() };
}
