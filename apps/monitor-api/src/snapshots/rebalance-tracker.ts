import type { GroupEvent } from '@app/domain';
import { rebalanceScore, rebalancesFromGenerations } from '../governance/rebalance-score';
import type { ConsumerGroupState } from '../governance/model';

interface GroupSignature {
  state: ConsumerGroupState;
  generation: number | null;
  members: string;
}

/**
 * Counts each group's rebalances over its last N snapshots. Our broker reports them on `broker:group-events`
 * (rebalance_completed, with the generation); for any other Kafka they are inferred between snapshots from a
 * generation step, a member set that changed, or a group caught mid-rebalance. The larger of the two counts
 * wins for a sweep, so an event the stream lost is still seen through the snapshot.
 */
export class RebalanceTracker {
  private readonly perGroup = new Map<string, { counts: number[]; last: GroupSignature }>();
  private readonly pendingEvents = new Map<string, { completed: number; generation: number | null }>();

  constructor(
    private readonly snapshotsInWindow: number,
    private readonly maxRebalances: number,
  ) {}

  /** Events read from the stream since the last sweep. */
  addEvents(events: readonly GroupEvent[]): void {
    for (const e of events) {
      const p = this.pendingEvents.get(e.group_id) ?? { completed: 0, generation: null };
      if (e.type === 'rebalance_completed') p.completed++;
      p.generation = Math.max(p.generation ?? -1, e.generation);
      this.pendingEvents.set(e.group_id, p);
    }
  }

  /** The generation the broker last reported for a group, if any. */
  generationOf(groupId: string): number | null {
    return this.pendingEvents.get(groupId)?.generation ?? this.perGroup.get(groupId)?.last.generation ?? null;
  }

  /** Records this sweep's observation of a group; returns the rebalances counted for this sweep and the score. */
  observe(groupId: string, now: GroupSignature): { rebalances: number; score: number } {
    const events = this.pendingEvents.get(groupId);
    const entry = this.perGroup.get(groupId);
    let inferred = 0;
    if (entry) {
      const prev = entry.last;
      const byGeneration = rebalancesFromGenerations([prev.generation, now.generation]);
      const changed = prev.members !== now.members || ((now.state === 'PreparingRebalance' || now.state === 'CompletingRebalance') && prev.state !== now.state);
      inferred = Math.max(byGeneration, changed ? 1 : 0);
    }
    const rebalances = Math.max(events?.completed ?? 0, inferred);
    const counts = entry?.counts ?? [];
    counts.push(rebalances);
    if (counts.length > this.snapshotsInWindow) counts.shift();
    this.perGroup.set(groupId, { counts, last: now });
    const total = counts.reduce((a, b) => a + b, 0);
    return { rebalances, score: rebalanceScore(total, this.maxRebalances) };
  }

  /** Called after a sweep: forget consumed events and groups that no longer exist. */
  endSweep(seen: ReadonlySet<string>): void {
    this.pendingEvents.clear();
    for (const id of this.perGroup.keys()) if (!seen.has(id)) this.perGroup.delete(id);
  }
}
