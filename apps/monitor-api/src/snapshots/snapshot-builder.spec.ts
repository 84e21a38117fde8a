import type { ClusterCollection, CollectedGroup } from '../collect/collected';
import { DEFAULT_THRESHOLDS } from '../governance/default-thresholds';
import { member } from './collected-member.fixture';
import { SnapshotBuilder } from './snapshot-builder';

function collection(atMs: number, ends: [number, number][], group: Partial<CollectedGroup>): ClusterCollection {
  return {
    clusterId: 'local',
    kind: 'kafka',
    collectedAtMs: atMs,
    durationMs: 1,
    topics: new Map([['t', { name: 't', partitions: ends.map(([endOffset, logStartOffset], partition) => ({ partition, endOffset, logStartOffset })), replicationFactor: 1, retentionMs: 1000, retentionBytes: null }]]),
    groups: [{ groupId: 'g', state: 'Stable', assignor: 'range', generation: 1, members: [member('m1', [0, 1])], commits: [], ...group }],
  };
}

function builder() {
  return new SnapshotBuilder({ thresholds: { global: { ...DEFAULT_THRESHOLDS, stuck_detection_window_s: 60 }, topics: {}, groups: {} }, endOffsetHistoryPoints: 60, rebalanceSnapshots: 10, rebalanceMax: 5 });
}

describe('SnapshotBuilder', () => {
  it('interpolates time lag from the end offsets of earlier sweeps, and unknown before there is history', () => {
    const b = builder();
    const commits = [{ topic: 't', partition: 0, committedOffset: 100 }];
    const first = b.build(collection(10_000, [[100, 0]], { commits }));
    expect(first.groups.get('g')?.detail.partitions[0]).toMatchObject({ lag: 0, time_lag_ms: 0 });
    b.build(collection(20_000, [[200, 0]], { commits }));
    // Offset 100 was the end at 10 s; at 30 s the group still sits on it.
    const third = b.build(collection(30_000, [[300, 0]], { commits }));
    expect(third.groups.get('g')?.detail.partitions[0]).toMatchObject({ lag: 200, time_lag_ms: 20_000, time_lag_unknown_reason: null });
    // A commit older than the history is not extrapolated.
    const older = b.build(collection(40_000, [[400, 0]], { commits: [{ topic: 't', partition: 0, committedOffset: 50 }] }));
    expect(older.groups.get('g')?.detail.partitions[0]).toMatchObject({ lag: 350, time_lag_ms: null });
  });

  it('flags a commit below the log start as data lost and counts lag from the log start', () => {
    const s = builder().build(collection(1_000, [[500, 400], [10, 0]], { commits: [{ topic: 't', partition: 0, committedOffset: 100 }] }));
    const rows = s.groups.get('g')?.detail.partitions;
    expect(rows?.map((r) => [r.partition, r.lag, r.data_lost_to_retention, r.has_commit, r.member_id])).toEqual([
      [0, 100, true, true, 'm1'],
      [1, null, false, false, 'm1'],
    ]);
  });

  it('judges a member that keeps its partition without moving past the window as STALL', () => {
    const b = builder();
    const commits = [{ topic: 't', partition: 0, committedOffset: 10 }];
    b.build(collection(0, [[50, 0]], { commits }));
    const later = b.build(collection(61_000, [[60, 0]], { commits }));
    const row = later.groups.get('g')?.detail.partitions[0];
    expect(row).toMatchObject({ verdict: 'STALL', host: '/10.0.0.2' });
    expect(later.groups.get('g')?.health.recommendation).toMatch(/The consumer of t-0 on host \/10\.0\.0\.2 stopped committing/);
  });

  it('counts a member change between snapshots as a rebalance when no event told it', () => {
    const b = builder();
    b.build(collection(0, [[1, 0]], { generation: null }));
    const s = b.build(collection(1_000, [[1, 0]], { generation: null, members: [member('m1', [0]), member('m2', [1])] }));
    expect(s.groups.get('g')).toMatchObject({ rebalancesThisSweep: 1 });
    expect(s.groups.get('g')?.health.rebalance_score).toBe(80);
  });

  it('builds the same snapshot in slices, letting other work run between them', async () => {
    const many = (atMs: number, offset: number): ClusterCollection => {
      const base = collection(atMs, [[offset, 0], [offset * 2, 0]], {});
      const groups = Array.from({ length: 95 }, (_, i) => ({ ...base.groups[0], groupId: `g${i}`, commits: [{ topic: 't', partition: 0, committedOffset: Math.max(0, offset - i) }] }));
      return { ...base, groups };
    };
    const whole = builder();
    const sliced = builder();
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    for (const [at, offset] of [[1_000, 100], [2_000, 150], [3_000, 230]]) {
      const expected = whole.build(many(at, offset));
      const before = turns;
      const got = await sliced.buildInSlices(many(at, offset), [], 10);
      // 95 groups in slices of 10: the loop got a turn between each of the 10 slices.
      expect(turns - before).toBeGreaterThanOrEqual(9);
      expect(got).toEqual(expected);
    }
    ticking = false;
  });
});
