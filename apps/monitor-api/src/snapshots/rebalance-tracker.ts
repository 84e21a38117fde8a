import type { GroupEvent } from '@app/domain';

type RebalanceCompleted = Extract<GroupEvent, { type: 'rebalance_completed' }>;
import { rebalanceScore, rebalancesFromGenerations } from '../governance/rebalance-score';
import type { ConsumerGroupState } from '../governance/model';

export interface GroupSignature {
  state: ConsumerGroupState;
  generation: number | null;
  /** Sorted member ids joined; null when unknown (restored from Postgres, which does not keep them). */
  members: string | null;
}

/** One rebalance as a sweep observed it: the row `monitor.rebalance_events` keeps. */
export interface ObservedRebalance {
  /** The generation the rebalance produced; null for a group without generations (Redis streams). */
  generation: number | null;
  /** `completed` (from the broker's event), `generation_step`, `recreated` or `membership_change` (inferred). */
  kind: string;
  reason: string | null;
  memberCount: number;
  durationMs: number | null;
  occurredAtMs: number;
}

/** What the score needs of a group after a restart: its last N per-sweep counts and its last observation. */
export interface RestoredRebalances {
  counts: number[];
  last: GroupSignature;
}

/** Generations a step between two snapshots names at most: a group that jumped further is not listed rebalance by rebalance. */
const MAX_STEP_ROWS = 100;

/**
 * Counts each group's rebalances over its last N snapshots. Our broker reports them on `broker:group-events`
 * (rebalance_completed, with the generation); for any other Kafka they are inferred between snapshots from a
 * generation step, a member set that changed, or a group caught mid-rebalance. The larger of the two counts
 * wins for a sweep, so an event the stream lost is still seen through the snapshot.
 */
export class RebalanceTracker {
  private readonly perGroup = new Map<string, { counts: number[]; last: GroupSignature }>();
  private readonly pendingEvents = new Map<string, { completed: RebalanceCompleted[]; generation: number | null }>();

  constructor(
    private readonly snapshotsInWindow: number,
    private readonly maxRebalances: number,
  ) {}

  /** Events read from the stream since the last sweep. */
  addEvents(events: readonly GroupEvent[]): void {
    for (const e of events) {
      const p = this.pendingEvents.get(e.group_id) ?? { completed: [], generation: null };
      if (e.type === 'rebalance_completed') p.completed.push(e);
      p.generation = Math.max(p.generation ?? -1, e.generation);
      this.pendingEvents.set(e.group_id, p);
    }
  }

  /** The generation the broker last reported for a group, if any. */
  generationOf(groupId: string): number | null {
    return this.pendingEvents.get(groupId)?.generation ?? this.perGroup.get(groupId)?.last.generation ?? null;
  }

  /**
   * Records this sweep's observation of a group; returns the rebalances counted for this sweep, the score and
   * the rebalances to store. Each stored rebalance is keyed by the generation it produced, so the same
   * rebalance told by an event on one sweep and by the generation step on the next is one row.
   */
  observe(groupId: string, now: GroupSignature, memberCount: number, atMs: number): { rebalances: number; score: number; observed: ObservedRebalance[] } {
    const events = this.pendingEvents.get(groupId);
    const entry = this.perGroup.get(groupId);
    const observed: ObservedRebalance[] = [];
    for (const e of events?.completed ?? []) {
      observed.push({ generation: e.generation, kind: 'completed', reason: e.reason, memberCount: e.members, durationMs: Math.round(e.duration_ms), occurredAtMs: Date.parse(e.at) });
    }
    let inferred = 0;
    if (entry) {
      const prev = entry.last;
      const byGeneration = rebalancesFromGenerations([prev.generation, now.generation]);
      const changed =
        (prev.members !== null && now.members !== null && prev.members !== now.members) ||
        ((now.state === 'PreparingRebalance' || now.state === 'CompletingRebalance') && prev.state !== now.state);
      inferred = Math.max(byGeneration, changed ? 1 : 0);
      const told = new Set(observed.map((o) => o.generation));
      const infer = (generation: number | null, kind: string, reason: string) => {
        if (generation === null || !told.has(generation)) observed.push({ generation, kind, reason, memberCount, durationMs: null, occurredAtMs: atMs });
      };
      if (byGeneration > 0 && prev.generation !== null && now.generation !== null) {
        if (now.generation > prev.generation) {
          for (let g = Math.max(prev.generation + 1, now.generation - MAX_STEP_ROWS + 1); g <= now.generation; g++) infer(g, 'generation_step', `generation ${prev.generation} → ${now.generation} between snapshots`);
        } else {
          infer(now.generation, 'recreated', `generation went back from ${prev.generation} to ${now.generation}: the group was recreated`);
        }
      } else if (changed) {
        // A group caught preparing a rebalance still shows the generation before it; the rebalance completes as the next one.
        const generation = now.generation === null ? null : now.state === 'PreparingRebalance' ? now.generation + 1 : now.generation;
        infer(generation, 'membership_change', prev.members !== now.members ? 'members changed between snapshots' : `state ${prev.state} → ${now.state}`);
      }
    }
    const rebalances = Math.max(events?.completed.length ?? 0, inferred);
    const counts = entry?.counts ?? [];
    counts.push(rebalances);
    if (counts.length > this.snapshotsInWindow) counts.shift();
    this.perGroup.set(groupId, { counts, last: now });
    const total = counts.reduce((a, b) => a + b, 0);
    return { rebalances, score: rebalanceScore(total, this.maxRebalances), observed };
  }

  /** Puts back a group's history read from Postgres (before the first sweep after a restart). */
  restore(groupId: string, restored: RestoredRebalances): void {
    this.perGroup.set(groupId, { counts: restored.counts.slice(-this.snapshotsInWindow), last: restored.last });
  }

  /** Called after a sweep: forget consumed events and groups that no longer exist. */
  endSweep(seen: ReadonlySet<string>): void {
    this.pendingEvents.clear();
    for (const id of this.perGroup.keys()) if (!seen.has(id)) this.perGroup.delete(id);
  }
}
