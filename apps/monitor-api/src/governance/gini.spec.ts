import fc from 'fast-check';
import { gini } from './gini';

/** The definition, O(n²): ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²x̄). */
function giniByDefinition(xs: number[]): number {
  const n = xs.length;
  const sum = xs.reduce((a, b) => a + b, 0);
  if (n === 0 || sum === 0) return 0;
  let diff = 0;
  for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
  return diff / (2 * n * sum);
}

describe('gini of partitions per member', () => {
  it.each([
    [[4, 4, 4], 0],
    [[12, 0, 0], 2 / 3],
    [[1, 0], 0.5],
    [[3, 3, 2, 2], 0.1],
    [[6, 6, 0], 1 / 3],
    [[], 0],
    [[0, 0], 0],
  ])('%j → %d', (counts, expected) => {
    expect(gini(counts)).toBeCloseTo(expected, 10);
  });

  it('counts members without partitions: 2 members with 6 each is fair, adding an idle one is not', () => {
    expect(gini([6, 6])).toBe(0);
    expect(gini([6, 6, 0])).toBeGreaterThan(0.3);
  });

  it('agrees with the definition, stays within [0, (n−1)/n] and ignores member order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }), (counts) => {
        const g = gini(counts);
        expect(g).toBeCloseTo(giniByDefinition(counts), 9);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual((counts.length - 1) / counts.length + 1e-12);
        expect(gini([...counts].reverse())).toBeCloseTo(g, 12);
      }),
    );
  });

  it('does not change when every member gets k times as many partitions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 50 }), (counts, k) => {
        expect(gini(counts.map((c) => c * k))).toBeCloseTo(gini(counts), 9);
      }),
    );
  });
});
