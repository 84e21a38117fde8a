import { TIME_INDEX_ENTRY_SIZE, TimeIndex } from './time-index';

describe('TimeIndex', () => {
  it('only records new maximum timestamps', () => {
    const idx = new TimeIndex(1);
    expect(idx.maybeAppend(100, 0)).toBe(true);
    expect(idx.maybeAppend(100, 5)).toBe(false);
    expect(idx.maybeAppend(90, 6)).toBe(false);
    expect(idx.maybeAppend(150, 7)).toBe(true);
    expect(idx.length).toBe(2);
    expect(idx.lastTimestamp).toBe(150);
  });

  it('starts a search at the last entry whose timestamp is <= the target', () => {
    const idx = new TimeIndex();
    idx.maybeAppend(100, 0);
    idx.maybeAppend(200, 10);
    idx.maybeAppend(300, 20);
    expect(idx.lookup(50)).toBe(0);
    expect(idx.lookup(200)).toBe(10);
    expect(idx.lookup(299)).toBe(10);
    expect(idx.lookup(5000)).toBe(20);
  });

  it('round-trips millisecond timestamps and refuses torn or inconsistent files', () => {
    const idx = new TimeIndex();
    idx.maybeAppend(1_700_000_000_123, 3);
    idx.maybeAppend(1_700_000_000_999, 9);
    const bytes = idx.encode();
    expect(bytes.length).toBe(2 * TIME_INDEX_ENTRY_SIZE);
    const back = TimeIndex.decode(bytes, 100)!;
    expect(back.lookup(1_700_000_000_500)).toBe(3);
    expect(back.lastTimestamp).toBe(1_700_000_000_999);
    expect(TimeIndex.decode(bytes.subarray(0, 20), 100)).toBeUndefined();
    expect(TimeIndex.decode(bytes, 5)).toBeUndefined();
    expect(TimeIndex.decode(Buffer.concat([bytes.subarray(12), bytes.subarray(0, 12)]), 100)).toBeUndefined();
  });
});
