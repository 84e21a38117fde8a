import type { ClusterCollection, CollectedGroup } from '../collect/collected';
import { DEFAULT_THRESHOLDS } from '../governance/default-thresholds';
import { restoreBuilderState, restoreWindows, StoredRows } from './builder-restore';
import type { ClusterSnapshot } from './cluster-snapshot';
import { member } from './collected-member.fixture';
import { SnapshotBuilder, SnapshotBuilderOptions } from './snapshot-builder';

const INTERVAL_MS = 10_000;
const options: SnapshotBuilderOptions = {
  thresholds: { global: { ...DEFAULT_THRESHOLDS, stuck_detection_window_s: 30 }, topics: {}, groups: { fast: { stuck_detection_window_s: 20 } } },
  endOffsetHistoryPoints: 4,
  rebalanceSnapshots: 5,
  rebalanceMax: 4,
};

/**
 * Sweep i of a cluster at i × 10 s: partition 0 is produced to on every sweep, partition 1 has a flat stretch
 * (sweeps 5–8) inside the read window; group `slow` stops moving on partition 0 at sweep 4 while its member
 * keeps the partition (STALL), moves on partition 1 without catching up (WARN), and gains members twice (generation steps);
 * group `fast` follows partition 0 a sweep behind, with its own shorter window.
 */
function sweep(i: number): ClusterCollection {
  const end0 = 100 * i + 50;
  const end1 = i < 5 ? 40 * i : i <= 8 ? 200 : 200 + 30 * (i - 8);
  const generation = i < 3 ? 1 : i < 11 ? 2 : 3;
  const members = i < 3 ? [member('m1', [0, 1])] : i < 11 ? [member('m1', [0]), member('m2', [1])] : [member('m1', [0]), member('m2', [1]), member('m3', [])];
  const slow: CollectedGroup = {
    groupId: 'slow',
    state: 'Stable',
    assignor: 'range',
    generation,
    members,
    commits: [
      { topic: 't', partition: 0, committedOffset: Math.min(end0, 100 * 4 + 10) },
      { topic: 't', partition: 1, committedOffset: Math.max(0, end1 - 25) },
    ],
  };
  const fast: CollectedGroup = {
    groupId: 'fast',
    state: 'Stable',
    assignor: 'range',
    generation: 5,
    members: [member('f1', [0, 1])],
    commits: [{ topic: 't', partition: 0, committedOffset: Math.max(0, end0 - 100) }],
  };
  return {
    clusterId: 'local',
    kind: 'kafka',
    collectedAtMs: i * INTERVAL_MS,
    durationMs: 1,
    topics: new Map([['t', { name: 't', partitions: [{ partition: 0, endOffset: end0, logStartOffset: 0 }, { partition: 1, endOffset: end1, logStartOffset: 0 }], replicationFactor: 1, retentionMs: null, retentionBytes: null }]]),
    groups: [slow, fast],
  };
}

/** The rows SnapshotStore writes for a snapshot, as its restore queries read them back (unfiltered). */
function storedRows(s: ClusterSnapshot): StoredRows {
  const views = [...s.groups.values()];
  const samples = views.flatMap((v) => v.detail.partitions.map((p) => ({ groupId: v.detail.group_id, topic: p.topic, partition: p.partition, capturedAtMs: s.collectedAtMs, p })));
  return {
    endOffsets: samples.map(({ topic, partition, capturedAtMs, p }) => ({ topic, partition, capturedAtMs, endOffset: p.end_offset })),
    commits: samples.flatMap(({ p, ...k }) => (p.committed_offset === null || p.lag === null ? [] : [{ ...k, committedOffset: p.committed_offset, lag: p.lag }])),
    snapshots: views.map((v) => ({ groupId: v.detail.group_id, capturedAtMs: s.collectedAtMs, state: v.health.state, generation: v.detail.generation, rebalances: v.rebalancesThisSweep, totalLag: v.health.total_lag })),
  };
}

/** A builder that lives through sweeps 0..last, and the rows its snapshots leave in Postgres. */
function livedThrough(last: number) {
  const lived = new SnapshotBuilder(options);
  const built = Array.from({ length: last + 1 }, (_, i) => storedRows(lived.build(sweep(i))));
  return { lived, endOffsets: built.flatMap((r) => r.endOffsets), commits: built.flatMap((r) => r.commits), snapshots: built.flatMap((r) => r.snapshots) };
}

function judged(s: ClusterSnapshot) {
  return [...s.groups.values()].map((v) => ({
    group: v.detail.group_id,
    partitions: v.detail.partitions.map((p) => ({ partition: p.partition, lag: p.lag, time_lag_ms: p.time_lag_ms, verdict: p.verdict, evidence: p.evidence })),
    rebalance_score: v.health.rebalance_score,
    recommendation: v.health.recommendation,
  }));
}

describe('restoreBuilderState', () => {
  it('gives a new builder the time lag, verdicts, evidence and rebalance score the builder that lived through the sweeps has', () => {
    const { lived, endOffsets, commits, snapshots } = livedThrough(12);
    const restored = new SnapshotBuilder(options);
    // Rows come back from Postgres in no particular order.
    restored.restore(restoreBuilderState({ endOffsets: [...endOffsets].reverse(), commits: [...commits].reverse(), snapshots: [...snapshots].reverse() }, options));

    const next = sweep(13);
    const fromLived = judged(lived.build(next));
    const fromRestored = judged(restored.build(next));
    expect(fromRestored).toEqual(fromLived);
    // The comparison is not between two empty histories: time lag is known, the stopped partition is judged.
    const slow = fromRestored.find((g) => g.group === 'slow');
    expect(slow?.partitions.map((p) => [p.partition, p.verdict])).toEqual([[0, 'STALL'], [1, 'WARN']]);
    // Partition 0's commit is older than the 4 points of its curve: unknown, as for the builder that lived.
    expect(slow?.partitions.map((p) => p.time_lag_ms)).toEqual([null, expect.any(Number)]);
    expect(fromRestored.find((g) => g.group === 'fast')?.partitions[0].time_lag_ms).toBe(10_000);
    expect(slow?.rebalance_score).toBe(75);
    // A builder that restored nothing knows none of it.
    expect(judged(new SnapshotBuilder(options).build(next)).find((g) => g.group === 'slow')?.partitions.map((p) => [p.time_lag_ms, p.verdict])).toEqual([[null, 'OK'], [null, 'OK']]);
  });

  it('needs only the rows within the restore windows for the same time lag and verdicts', () => {
    const { lived, endOffsets, commits, snapshots } = livedThrough(12);
    const windows = restoreWindows(options, INTERVAL_MS);
    const newest = 12 * INTERVAL_MS;
    const rows: StoredRows = {
      endOffsets: endOffsets.filter((s) => s.capturedAtMs >= newest - windows.endOffsetsMs),
      commits: commits.filter((s) => s.capturedAtMs >= newest - windows.commitsMs),
      snapshots: ['slow', 'fast'].flatMap((g) => snapshots.filter((s) => s.groupId === g && s.capturedAtMs >= newest - windows.snapshotsMs).slice(-windows.snapshotsPerGroup)),
    };
    expect(rows.endOffsets.length + rows.commits.length).toBeLessThan(endOffsets.length + commits.length);
    const restored = new SnapshotBuilder(options);
    restored.restore(restoreBuilderState(rows, options));

    const next = sweep(13);
    // A commit older than the read is dated at its start: the silence still exceeds the window (same verdict),
    // only its age in the evidence and the advice quoting it is shorter.
    const verdictsAndTimeLag = (s: ClusterSnapshot) => judged(s).map(({ recommendation: _r, ...g }) => ({ ...g, partitions: g.partitions.map(({ evidence: _e, ...p }) => p) }));
    expect(verdictsAndTimeLag(restored.build(next))).toEqual(verdictsAndTimeLag(lived.build(next)));
  });

  it('gives the same state without the rows the store leaves out (inside a run of one end offset, a repeated commit)', () => {
    const { lived, endOffsets, commits, snapshots } = livedThrough(12);
    const groupBy = <T>(xs: readonly T[], key: (x: T) => string) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
      return [...m.values()];
    };
    const points = groupBy(endOffsets, (p) => `${p.topic}/${p.partition}/${p.capturedAtMs}`).map((same) => same[0]);
    const runEnds = groupBy(points, (p) => `${p.topic}/${p.partition}`).flatMap((ps) => ps.filter((p, i) => ps[i - 1]?.endOffset !== p.endOffset || ps[i + 1]?.endOffset !== p.endOffset));
    const moved = groupBy(commits, (c) => `${c.groupId}/${c.topic}/${c.partition}`).flatMap((cs) => cs.filter((c, i) => cs[i - 1]?.committedOffset !== c.committedOffset || i === cs.length - 1));
    expect(runEnds.length).toBeLessThan(points.length);
    expect(moved.length).toBeLessThan(commits.length);
    const restored = new SnapshotBuilder(options);
    restored.restore(restoreBuilderState({ endOffsets: runEnds, commits: moved, snapshots }, options));
    const next = sweep(13);
    expect(judged(restored.build(next))).toEqual(judged(lived.build(next)));
  });

  it('reads back the longest stuck window and two sweeps, and the production curve of the configured points', () => {
    expect(restoreWindows(options, INTERVAL_MS)).toEqual({ endOffsetsMs: 40_000, commitsMs: 50_000, snapshotsPerGroup: 5, snapshotsMs: 100_000 });
  });

  it('restores nothing from no rows', () => {
    expect(restoreBuilderState({ endOffsets: [], commits: [], snapshots: [] }, options)).toEqual({ endHistories: new Map(), commitHistories: new Map(), rebalances: new Map(), previousTotals: new Map() });
  });
});
