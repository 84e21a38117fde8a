import fc from 'fast-check';
import { nearestRank, sortAscending } from './percentile';

describe('nearestRank', () => {
  it.each([
    // values, p, expected (rank = ceil(p/100 × n))
    [[15, 20, 35, 40, 50], 5, 15],
    [[15, 20, 35, 40, 50], 30, 20],
    [[15, 20, 35, 40, 50], 40, 20],
    [[15, 20, 35, 40, 50], 50, 35],
    [[15, 20, 35, 40, 50], 100, 50],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 25, 7],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 50, 8],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 75, 15],
    [[7], 95, 7],
    [[1, 2], 50, 1],
    [[1, 2], 51, 2],
    [[0, 0, 0, 1000], 95, 1000],
  ])('%j at p%d is %d', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });

  it('has no percentile for no values', () => {
    expect(nearestRank([], 50)).toBeNull();
  });

  it('refuses a percentile outside 0..100', () => {
    expect(() => nearestRank([1], 101)).toThrow(RangeError);
    expect(() => nearestRank([1], Number.NaN)).toThrow(RangeError);
  });

  it('always answers one of the values, with at least p% of them at or below it and fewer below it', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1e9), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const sorted = sortAscending(values);
        const v = nearestRank(sorted, p) as number;
        expect(values).toContain(v);
        const atOrBelow = values.filter((x) => x <= v).length;
        const below = values.filter((x) => x < v).length;
        expect(atOrBelow / values.length).toBeGreaterThanOrEqual(p / 100);
        expect(below / values.length).toBeLessThan(p / 100);
      }),
    );
  });

  it('is monotonic in p', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (values, a, b) => {
        const sorted = sortAscending(values);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(nearestRank(sorted, lo) as number).toBeLessThanOrEqual(nearestRank(sorted, hi) as number);
      }),
    );
  });
});
