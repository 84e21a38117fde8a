import type { GroupEvent } from '@app/domain';
import { RebalanceTracker } from './rebalance-tracker';

const completed = (generation: number): GroupEvent => ({
  type: 'rebalance_completed',
  group_id: 'g',
  generation,
  at: '2026-12-07T10:00:00.000Z',
  reason: 'member joined',
  members: 2,
  duration_ms: 120,
});

const keys = (observed: { generation: number | null; kind: string }[]) => observed.map((o) => [o.generation, o.kind]);

describe('RebalanceTracker: the rebalances a sweep stores', () => {
  it('keys a rebalance by the generation it produced, so the event and the generation step name the same row', () => {
    const t = new RebalanceTracker(10, 5);
    t.observe('g', { state: 'Stable', generation: 3, members: 'a' }, 1, 0);
    t.addEvents([completed(4)]);
    // The event arrives while the snapshot still shows generation 3; the next snapshot shows the step.
    const withEvent = t.observe('g', { state: 'Stable', generation: 3, members: 'a' }, 1, 10_000);
    t.endSweep(new Set(['g']));
    const withStep = t.observe('g', { state: 'Stable', generation: 4, members: 'a,b' }, 2, 20_000);
    expect(withEvent.observed).toEqual([{ generation: 4, kind: 'completed', reason: 'member joined', memberCount: 2, durationMs: 120, occurredAtMs: Date.parse('2026-12-07T10:00:00.000Z') }]);
    expect(keys(withStep.observed)).toEqual([[4, 'generation_step']]);
  });

  it('does not infer again what an event of the same sweep told', () => {
    const t = new RebalanceTracker(10, 5);
    t.observe('g', { state: 'Stable', generation: 3, members: 'a' }, 1, 0);
    t.addEvents([completed(4)]);
    expect(keys(t.observe('g', { state: 'Stable', generation: 5, members: 'a,b' }, 2, 10_000).observed)).toEqual([[4, 'completed'], [5, 'generation_step']]);
  });

  it('names a rebalance caught in preparation by the generation it will complete with', () => {
    const t = new RebalanceTracker(10, 5);
    t.observe('g', { state: 'Stable', generation: 2, members: 'a' }, 1, 0);
    expect(keys(t.observe('g', { state: 'PreparingRebalance', generation: 2, members: 'a' }, 1, 10_000).observed)).toEqual([[3, 'membership_change']]);
    expect(keys(t.observe('g', { state: 'Stable', generation: 3, members: 'a,b' }, 2, 20_000).observed)).toEqual([[3, 'generation_step']]);
  });

  it('stores a member change of a group without generations with no generation, and nothing when nothing changed', () => {
    const t = new RebalanceTracker(10, 5);
    t.observe('g', { state: 'Stable', generation: null, members: 'a' }, 1, 0);
    expect(keys(t.observe('g', { state: 'Stable', generation: null, members: 'a' }, 1, 10_000).observed)).toEqual([]);
    expect(keys(t.observe('g', { state: 'Stable', generation: null, members: 'a,b' }, 2, 20_000).observed)).toEqual([[null, 'membership_change']]);
  });

  it('after a restore, counts the restored sweeps in the score and sees a generation step but not an unknown member set as a change', () => {
    const t = new RebalanceTracker(3, 4);
    t.restore('g', { counts: [0, 1, 1, 1], last: { state: 'Stable', generation: 7, members: null } });
    // Window of 3: the oldest restored count has left it; this sweep adds none.
    expect(t.observe('g', { state: 'Stable', generation: 7, members: 'a,b' }, 2, 0)).toMatchObject({ rebalances: 0, score: 50, observed: [] });
    expect(t.observe('g', { state: 'Stable', generation: 8, members: 'a,b' }, 2, 10_000)).toMatchObject({ rebalances: 1, score: 50 });
  });
});
