import fc from 'fast-check';
import { sloCompliance } from './slo';

const time = { thresholdMs: 1000, thresholdOffsets: null };

describe('sloCompliance', () => {
  it.each([
    ['all under', [{ lag: 5, timeLagMs: 10 }, { lag: 5, timeLagMs: 999 }], time, 1],
    ['threshold is exclusive', [{ lag: 5, timeLagMs: 1000 }, { lag: 5, timeLagMs: 10 }], time, 0.5],
    ['one of four over', [{ lag: 1, timeLagMs: 1 }, { lag: 1, timeLagMs: 1 }, { lag: 1, timeLagMs: 1 }, { lag: 9, timeLagMs: 5000 }], time, 0.75],
    ['no commit is not judged', [{ lag: null, timeLagMs: null }, { lag: 1, timeLagMs: 1 }], time, 1],
    ['unknown time lag but caught up complies', [{ lag: 0, timeLagMs: null }, { lag: 3, timeLagMs: 2000 }], time, 0.5],
    ['unknown time lag with lag is not judged', [{ lag: 7, timeLagMs: null }, { lag: 3, timeLagMs: 2000 }], time, 0],
    ['offsets threshold instead of time', [{ lag: 99, timeLagMs: 9999 }, { lag: 100, timeLagMs: 1 }], { thresholdMs: 1000, thresholdOffsets: 100 }, 0.5],
  ])('%s', (_name, partitions, thresholds, expected) => {
    expect(sloCompliance(partitions, thresholds)).toBeCloseTo(expected, 12);
  });

  it('is null when nothing can be judged', () => {
    expect(sloCompliance([], time)).toBeNull();
    expect(sloCompliance([{ lag: null, timeLagMs: null }, { lag: 4, timeLagMs: null }], time)).toBeNull();
  });

  it('stays within 0..1 and does not fall when the threshold rises', () => {
    const partition = fc.record({ lag: fc.option(fc.nat(1e6), { nil: null }), timeLagMs: fc.option(fc.nat(1e6), { nil: null }) });
    fc.assert(
      fc.property(fc.array(partition, { maxLength: 50 }), fc.nat(1e6), fc.nat(1e6), (ps, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const low = sloCompliance(ps, { thresholdMs: lo, thresholdOffsets: null });
        const high = sloCompliance(ps, { thresholdMs: hi, thresholdOffsets: null });
        if (low === null) return expect(high).toBeNull();
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high as number).toBeLessThanOrEqual(1);
        expect(high as number).toBeGreaterThanOrEqual(low);
      }),
    );
  });
});
