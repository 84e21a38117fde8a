import { segmentsToDelete } from './retention';

describe('segmentsToDelete', () => {
  const segs = [
    { size: 100, maxTimestamp: 1000 },
    { size: 100, maxTimestamp: 2000 },
    { size: 100, maxTimestamp: 3000 },
    { size: 50, maxTimestamp: 4000 },
  ];

  it('keeps everything with unlimited retention', () => {
    expect(segmentsToDelete(segs, { retentionMs: -1, retentionBytes: -1 }, 1e12)).toBe(0);
  });

  it('deletes the prefix of segments whose newest record is older than retention.ms', () => {
    expect(segmentsToDelete(segs, { retentionMs: 1500, retentionBytes: -1 }, 4000)).toBe(2);
    expect(segmentsToDelete(segs, { retentionMs: 1500, retentionBytes: -1 }, 3400)).toBe(1);
  });

  it('never deletes the active (last) segment, however old', () => {
    expect(segmentsToDelete(segs, { retentionMs: 0, retentionBytes: -1 }, 1e12)).toBe(3);
    expect(segmentsToDelete([{ size: 100, maxTimestamp: 1 }], { retentionMs: 0, retentionBytes: 0 }, 1e12)).toBe(0);
  });

  it('deletes old segments while the partition stays at or above retention.bytes without them', () => {
    expect(segmentsToDelete(segs, { retentionMs: -1, retentionBytes: 250 }, 0)).toBe(1);
    expect(segmentsToDelete(segs, { retentionMs: -1, retentionBytes: 150 }, 0)).toBe(2);
    expect(segmentsToDelete(segs, { retentionMs: -1, retentionBytes: 351 }, 0)).toBe(0);
  });

  it('combines both rules', () => {
    expect(segmentsToDelete(segs, { retentionMs: 2500, retentionBytes: 150 }, 4000)).toBe(2);
  });

  it('stops at a segment without timestamps for time retention', () => {
    const mixed = [{ size: 10, maxTimestamp: -1 }, ...segs];
    expect(segmentsToDelete(mixed, { retentionMs: 1, retentionBytes: -1 }, 1e12)).toBe(0);
  });
});
