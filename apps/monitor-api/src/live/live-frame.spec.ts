import fc from 'fast-check';
import { groupDetail, healthOf, member, partitionRow } from '../../test/support/governance-fixtures';
import { buildLiveFrame, diffLive, LiveMember } from './live-frame';

const at = new Date('2026-01-01T00:00:05.000Z');
const liveMember = (id: string, assignment: Record<string, number[]>): LiveMember => {
  const { member_id, client_id, host, partition_count, assignment: a } = member(id, assignment);
  return { member_id, client_id, host, partition_count, assignment: a };
};

describe('buildLiveFrame', () => {
  it('carries lag, state, members and partitions of the served snapshot, with nothing marked on the first frame', () => {
    const detail = groupDetail();
    const frame = buildLiveFrame(detail, healthOf(detail, { slo_compliance: 0.5, health: 'warning' }), undefined, at);
    expect(frame).toMatchObject({
      type: 'update', sequence: 1, cluster_id: 'local', group_id: 'billing', sent_at: at.toISOString(), collected_at: detail.collected_at,
      state: 'Stable', generation: 1, total_lag: 20, lag_max: 15, members_count: 1, slo_compliance: 0.5, health: 'warning', stuck_count: 0,
      changes: { state: null, generation: null, members_joined: [], members_left: [], members_reassigned: [] },
    });
    expect(frame.members).toEqual([{ member_id: 'm1', client_id: 'client-m1', host: '/10.0.0.2', partition_count: 2, assignment: [{ topic: 'orders', partitions: [0, 1] }] }]);
    expect(frame.partitions).toEqual([
      { topic: 'orders', partition: 0, lag: 5, time_lag_ms: 50, verdict: 'OK', member_id: null },
      { topic: 'orders', partition: 1, lag: 15, time_lag_ms: 150, verdict: 'OK', member_id: null },
    ]);
  });

  it('marks a rebalance: state, generation, who joined and whose partitions moved', () => {
    const first = buildLiveFrame(groupDetail(), undefined, undefined, at);
    const rebalancing = groupDetail({
      state: 'PreparingRebalance',
      generation: 2,
      members: [member('m1', { orders: [0] }), member('m2', { orders: [1] })],
      partitions: [partitionRow('orders', 0, 5), partitionRow('orders', 1, 30, { verdict: 'WARN' })],
    });
    const second = buildLiveFrame(rebalancing, undefined, first, at);
    expect(second.sequence).toBe(2);
    expect(second.total_lag).toBe(35);
    expect(second.stuck_count).toBeNull();
    expect(second.changes).toEqual({
      state: { from: 'Stable', to: 'PreparingRebalance' },
      generation: { from: 1, to: 2 },
      members_joined: ['m2'],
      members_left: [],
      members_reassigned: ['m1'],
    });
    const third = buildLiveFrame(groupDetail({ state: 'Empty', members: [], generation: 3 }), undefined, second, at);
    expect(third.changes).toMatchObject({ state: { from: 'PreparingRebalance', to: 'Empty' }, members_joined: [], members_left: ['m1', 'm2'], members_reassigned: [] });
  });
});

describe('diffLive', () => {
  const memberSets = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 });

  it('joined and left are the set differences of member ids, and a frame compared with itself shows no change', () => {
    fc.assert(
      fc.property(memberSets, memberSets, fc.nat(3), (before, after, p) => {
        const previous = { state: 'Stable' as const, generation: 1, members: before.map((id) => liveMember(id, { t: [p] })) };
        const current = { state: 'Stable' as const, generation: 1, members: after.map((id) => liveMember(id, { t: [p] })) };
        const changes = diffLive(previous, current);
        expect(changes.members_joined).toEqual(after.filter((id) => !before.includes(id)).sort());
        expect(changes.members_left).toEqual(before.filter((id) => !after.includes(id)).sort());
        expect(changes.members_reassigned).toEqual([]);
        expect(diffLive(current, current)).toEqual({ state: null, generation: null, members_joined: [], members_left: [], members_reassigned: [] });
      }),
    );
  });

  it('does not call a reordered assignment a move', () => {
    const previous = { state: 'Stable' as const, generation: 4, members: [liveMember('a', { x: [2, 0], y: [1] })] };
    const current = { state: 'Stable' as const, generation: 4, members: [{ ...liveMember('a', { y: [1], x: [0, 2] }) }] };
    expect(diffLive(previous, current).members_reassigned).toEqual([]);
  });
});
