import { CommitHistory } from '../governance/commit-history';
import { EndOffsetHistory } from '../governance/end-offset-history';
import type { ConsumerGroupState } from '../governance/model';
import { resolveThresholds, ThresholdConfig } from '../governance/thresholds';
import type { RestoredRebalances } from './rebalance-tracker';
import { groupPartitionKey, partitionKey } from './state-keys';

/** A partition's end offset at one sweep (any group's lag sample of that partition tells it). */
export interface StoredEndOffset {
  topic: string;
  partition: number;
  capturedAtMs: number;
  endOffset: number;
}

/** A group-partition's committed offset and lag at one sweep. */
export interface StoredCommit {
  groupId: string;
  topic: string;
  partition: number;
  capturedAtMs: number;
  committedOffset: number;
  lag: number;
}

/**
 * What a restore reads. The store may leave out rows that change nothing when replayed: the inside of a run
 * of equal end offsets (the curve keeps a run's first and last point) and a commit row repeating the offset
 * before it, unless it is the group-partition's newest (it sets where the commit window ends).
 */
export interface StoredRows {
  endOffsets: readonly StoredEndOffset[];
  commits: readonly StoredCommit[];
  snapshots: readonly StoredSnapshot[];
}

/** One stored group snapshot, as much of it as the builder's state needs. */
export interface StoredSnapshot {
  groupId: string;
  capturedAtMs: number;
  state: ConsumerGroupState;
  generation: number | null;
  rebalances: number;
  totalLag: number | null;
}

export interface RestoreOptions {
  thresholds: ThresholdConfig;
  endOffsetHistoryPoints: number;
  rebalanceSnapshots: number;
}

/** The builder's cross-sweep state, keyed as the builder keys it (`state-keys.ts`). */
export interface RestoredBuilderState {
  endHistories: Map<string, EndOffsetHistory>;
  commitHistories: Map<string, CommitHistory>;
  rebalances: Map<string, RestoredRebalances>;
  previousTotals: Map<string, number>;
}

/** The windows of stored rows a restore reads (and the only ones it needs). */
export interface RestoreWindows {
  /** End offsets this far back from the newest stored sweep. */
  endOffsetsMs: number;
  /** Commits this far back from the newest stored sweep. */
  commitsMs: number;
  /** Snapshots per group, the newest ones. */
  snapshotsPerGroup: number;
  /** Snapshots this far back from the newest stored sweep (room for `snapshotsPerGroup` sweeps and late ones). */
  snapshotsMs: number;
}

/**
 * How far back a restore reads. Time lag needs the production curve the builder kept: at most
 * `endOffsetHistoryPoints` points, one per sweep while producers write. Verdicts need the commits of the
 * detection window plus the newest commit before it (it dates a silence), and for the first commit of the window
 * the sweep before it (to tell whether the offset moved there): a window and two sweeps back. A commit older
 * than that is restored as first seen at the start of the read, which keeps the verdict (silent for longer than
 * a window either way) and understates only the age its evidence quotes.
 */
export function restoreWindows(options: RestoreOptions, intervalMs: number): RestoreWindows {
  const { global, topics, groups } = options.thresholds;
  const windowsS = [global, ...Object.values(topics), ...Object.values(groups)].map((t) => t.stuck_detection_window_s ?? 0);
  return {
    endOffsetsMs: options.endOffsetHistoryPoints * intervalMs,
    commitsMs: Math.max(...windowsS) * 1000 + 2 * intervalMs,
    snapshotsPerGroup: options.rebalanceSnapshots,
    snapshotsMs: 2 * options.rebalanceSnapshots * intervalMs,
  };
}

/**
 * Rebuilds the builder's state from stored rows by replaying them, in capture order, through the same
 * histories the builder feeds on every sweep: a builder restored from the rows of its sweeps holds what the
 * builder that lived through them held (the partition curves, commit windows, rebalance counts and previous
 * totals), so the first sweep after a restart judges as the next sweep would have. What Postgres does not keep
 * is left unknown rather than guessed: the member set (a member change across the restart is seen through the
 * generation only).
 */
export function restoreBuilderState(rows: StoredRows, options: RestoreOptions): RestoredBuilderState {
  const byTime = <T extends { capturedAtMs: number }>(xs: readonly T[]) => [...xs].sort((a, b) => a.capturedAtMs - b.capturedAtMs);

  const endHistories = new Map<string, EndOffsetHistory>();
  for (const s of byTime(rows.endOffsets)) {
    const k = partitionKey(s.topic, s.partition);
    let h = endHistories.get(k);
    if (!h) endHistories.set(k, (h = new EndOffsetHistory(options.endOffsetHistoryPoints)));
    // Several groups read one partition: their samples of one sweep repeat its point, which `add` refuses.
    if (!h.add(s.endOffset, s.capturedAtMs) && s.endOffset < (h.snapshot().at(-1)?.offset ?? 0)) {
      // As the builder does: a log that went backwards was recreated, its curve starts again.
      endHistories.set(k, (h = new EndOffsetHistory(options.endOffsetHistoryPoints)));
      h.add(s.endOffset, s.capturedAtMs);
    }
  }

  // Each group's window comes from its thresholds, resolved over the topics of its newest sweep as the builder did
  // (the topics it has commits on: a topic it only has assigned without a commit changes no commit window here).
  const commits = byTime(rows.commits);
  const newestAt = new Map<string, number>();
  for (const s of commits) newestAt.set(s.groupId, s.capturedAtMs);
  const topicsOf = new Map<string, Set<string>>();
  for (const s of commits) {
    if (s.capturedAtMs !== newestAt.get(s.groupId)) continue;
    let set = topicsOf.get(s.groupId);
    if (!set) topicsOf.set(s.groupId, (set = new Set()));
    set.add(s.topic);
  }
  const windowMs = new Map<string, number>();
  for (const [groupId, topics] of topicsOf) windowMs.set(groupId, resolveThresholds(options.thresholds, groupId, [...topics]).stuck_detection_window_s * 1000);

  const commitHistories = new Map<string, CommitHistory>();
  for (const s of commits) {
    const k = groupPartitionKey(s.groupId, s.topic, s.partition);
    let h = commitHistories.get(k);
    if (!h) commitHistories.set(k, (h = new CommitHistory()));
    h.observe(s.committedOffset, s.capturedAtMs, s.lag, windowMs.get(s.groupId) as number);
  }

  const byGroup = new Map<string, StoredSnapshot[]>();
  for (const s of rows.snapshots) {
    const list = byGroup.get(s.groupId) ?? [];
    list.push(s);
    byGroup.set(s.groupId, list);
  }
  const rebalances = new Map<string, RestoredRebalances>();
  const previousTotals = new Map<string, number>();
  for (const [groupId, list] of byGroup) {
    list.sort((a, b) => a.capturedAtMs - b.capturedAtMs);
    const recent = list.slice(-options.rebalanceSnapshots);
    const last = recent[recent.length - 1];
    rebalances.set(groupId, { counts: recent.map((s) => s.rebalances), last: { state: last.state, generation: last.generation, members: null } });
    // The builder keeps the last known total across sweeps without one.
    for (const s of recent) if (s.totalLag !== null) previousTotals.set(groupId, s.totalLag);
  }
  return { endHistories, commitHistories, rebalances, previousTotals };
}
