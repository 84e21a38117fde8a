import { planSticky, renderPlan } from './sticky';
import type { AssignorMember, GroupAssignment, PartitionCounts } from './types';

/**
 * KIP-429 `cooperative-sticky`: the sticky target, except that a partition whose accepted owner differs from its
 * target is left out this round. The owner sees it missing and revokes it, rejoins, and the follow-up rebalance
 * hands it to its target once nobody claims it.
 */
export function cooperativeStickyAssign(members: readonly AssignorMember[], partitionCounts: PartitionCounts): GroupAssignment {
  const plan = planSticky(members, partitionCounts);
  return renderPlan(plan, members, (id) => plan.previousOwner[id] < 0 || plan.previousOwner[id] === plan.target[id]);
}
