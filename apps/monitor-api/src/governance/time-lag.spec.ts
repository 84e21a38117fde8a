import fc from 'fast-check';
import { EndOffsetHistory } from './end-offset-history';
import { interpolateTimeLag } from './time-lag';

const curve = [
  { offset: 100, atMs: 10_000 },
  { offset: 200, atMs: 20_000 },
  { offset: 200, atMs: 30_000 }, // idle producer: a flat stretch
  { offset: 400, atMs: 40_000 },
];

describe('interpolateTimeLag', () => {
  it.each([
    // committed, sampled at, expected ms
    [400, 40_000, 0], // caught up
    [450, 40_000, 0], // commit read after a newer end: still caught up
    [150, 40_000, 25_000], // produced half-way between 10 s and 20 s
    [100, 40_000, 30_000], // exactly on a point
    [200, 40_000, 10_000], // record 200 did not exist until after the flat stretch ended at 30 s
    [300, 40_000, 5_000],
    [300, 45_000, 10_000], // the commit sampled later is that much older
  ])('commit %d sampled at %d → %d ms', (committed, at, expected) => {
    expect(interpolateTimeLag(curve, committed, at)).toEqual({ ms: expected, unknownReason: null });
  });

  it('never extrapolates: a commit older than the history is unknown', () => {
    const r = interpolateTimeLag(curve, 99, 40_000);
    expect(r.ms).toBeNull();
    expect(r.unknownReason).toMatch(/older than the end offset history/);
  });

  it('is unknown with fewer than two points, unless caught up', () => {
    expect(interpolateTimeLag([], 5, 1).ms).toBeNull();
    expect(interpolateTimeLag([{ offset: 10, atMs: 1 }], 5, 2).ms).toBeNull();
    expect(interpolateTimeLag([{ offset: 10, atMs: 1 }], 10, 2).ms).toBe(0);
  });

  it('is never negative, and an older commit never has a smaller time lag', () => {
    const points = fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: 2, maxLength: 30 }).map((steps) => {
      let t = 0;
      let o = 0;
      return steps.map(([dt, dOffset]) => ({ atMs: (t += dt), offset: (o += dOffset) }));
    });
    fc.assert(
      fc.property(points, fc.nat(30_000), fc.nat(30_000), (ps, a, b) => {
        const [older, newer] = a <= b ? [a, b] : [b, a];
        const sampledAt = ps[ps.length - 1].atMs;
        const ro = interpolateTimeLag(ps, older, sampledAt);
        const rn = interpolateTimeLag(ps, newer, sampledAt);
        if (ro.ms !== null) expect(ro.ms).toBeGreaterThanOrEqual(0);
        if (ro.ms !== null && rn.ms !== null) expect(ro.ms).toBeGreaterThanOrEqual(rn.ms);
        // Never beyond the history: at most the age of the oldest point.
        if (ro.ms !== null) expect(ro.ms).toBeLessThanOrEqual(sampledAt - ps[0].atMs);
      }),
    );
  });
});

describe('EndOffsetHistory', () => {
  it('rejects out-of-order and decreasing points, and stores a flat stretch as its first and last sample', () => {
    const h = new EndOffsetHistory(10);
    expect(h.add(10, 1000)).toBe(true);
    expect(h.add(20, 500)).toBe(false); // older
    expect(h.add(5, 2000)).toBe(false); // offset went back (topic recreated)
    h.add(20, 2000);
    h.add(20, 3000);
    h.add(20, 4000);
    h.add(20, 5000);
    expect(h.snapshot()).toEqual([
      { offset: 10, atMs: 1000 },
      { offset: 20, atMs: 2000 },
      { offset: 20, atMs: 5000 },
    ]);
  });

  it('keeps at most maxPoints, dropping the oldest', () => {
    const h = new EndOffsetHistory(3);
    for (let i = 1; i <= 5; i++) h.add(i * 10, i * 1000);
    expect(h.snapshot().map((p) => p.offset)).toEqual([30, 40, 50]);
  });
});
