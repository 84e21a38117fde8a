import fc from 'fast-check';
import { rebalanceScore, rebalancesFromGenerations } from './rebalance-score';

describe('rebalanceScore', () => {
  it.each([
    [0, 10, 100],
    [1, 10, 90],
    [3, 10, 70],
    [10, 10, 0],
    [25, 10, 0], // floored at 0
    [1, 4, 75],
  ])('%d rebalances out of a maximum of %d → %d', (count, max, expected) => {
    expect(rebalanceScore(count, max)).toBeCloseTo(expected, 10);
  });

  it('refuses a non-positive maximum', () => {
    expect(() => rebalanceScore(1, 0)).toThrow(RangeError);
  });

  it('stays within 0..100 and falls as rebalances rise', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 100 }), (a, b, max) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rebalanceScore(hi, max)).toBeGreaterThanOrEqual(0);
        expect(rebalanceScore(lo, max)).toBeLessThanOrEqual(100);
        expect(rebalanceScore(hi, max)).toBeLessThanOrEqual(rebalanceScore(lo, max));
      }),
    );
  });
});

describe('rebalancesFromGenerations', () => {
  it.each([
    [[5, 5, 5], 0],
    [[1, 2, 3], 2],
    [[1, 4], 3], // three rebalances completed between two snapshots
    [[7, 1, 2], 2], // the group was recreated (1), then rebalanced once
    [[null, 3, null, 4], 1],
    [[], 0],
  ])('%j → %d', (generations, expected) => {
    expect(rebalancesFromGenerations(generations)).toBe(expected);
  });
});
