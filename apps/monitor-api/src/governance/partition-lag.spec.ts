import fc from 'fast-check';
import { partitionLag } from './partition-lag';

describe('partitionLag', () => {
  it.each([
    // committed, end, logStart, lag, hasCommit, lost
    [100, 150, 0, 50, true, false],
    [150, 150, 0, 0, true, false],
    [160, 150, 0, 0, true, false], // commit read after a newer end offset: floored, never negative
    [null, 150, 0, null, false, false], // no commit is not full lag
    [-1, 150, 0, null, false, false], // kafkajs reports "no commit" as -1
    [10, 150, 100, 50, true, true], // retention deleted 10..99: lag counts from the log start, loss flagged
    [100, 150, 100, 50, true, false],
  ])('committed %p end %p start %p → lag %p', (committed, end, start, lag, hasCommit, lost) => {
    expect(partitionLag({ committedOffset: committed, endOffset: end, logStartOffset: start })).toEqual({ lag, hasCommit, dataLostToRetention: lost });
  });

  it('never goes below 0 nor above the retained log', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (a, b, c) => {
        const [logStart, end] = a <= b ? [a, b] : [b, a];
        const r = partitionLag({ committedOffset: c, endOffset: end, logStartOffset: logStart });
        expect(r.lag).not.toBeNull();
        expect(r.lag as number).toBeGreaterThanOrEqual(0);
        expect(r.lag as number).toBeLessThanOrEqual(end - logStart);
      }),
    );
  });
});
