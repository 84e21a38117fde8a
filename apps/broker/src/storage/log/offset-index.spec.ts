import { OFFSET_INDEX_ENTRY_SIZE, OffsetIndex } from './offset-index';

describe('OffsetIndex', () => {
  const build = (): OffsetIndex => {
    const idx = new OffsetIndex(2);
    idx.append(10, 4096);
    idx.append(25, 8200);
    idx.append(40, 12_400);
    return idx;
  };

  it('finds the position of the last entry at or before an offset, 0 before the first', () => {
    const idx = build();
    expect(idx.lookup(0)).toBe(0);
    expect(idx.lookup(9)).toBe(0);
    expect(idx.lookup(10)).toBe(4096);
    expect(idx.lookup(24)).toBe(4096);
    expect(idx.lookup(25)).toBe(8200);
    expect(idx.lookup(1_000_000)).toBe(12_400);
  });

  it('round-trips through its fixed-width file form', () => {
    const idx = build();
    const bytes = idx.encode();
    expect(bytes.length).toBe(3 * OFFSET_INDEX_ENTRY_SIZE);
    const back = OffsetIndex.decode(bytes, 20_000)!;
    expect(back.length).toBe(3);
    expect(back.lookup(30)).toBe(8200);
    expect(back.lastPosition).toBe(12_400);
  });

  it('refuses torn or inconsistent files so they get rebuilt', () => {
    const bytes = build().encode();
    expect(OffsetIndex.decode(bytes.subarray(0, bytes.length - 3), 20_000)).toBeUndefined();
    expect(OffsetIndex.decode(bytes, 10_000)).toBeUndefined();
    const swapped = Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]);
    expect(OffsetIndex.decode(swapped, 20_000)).toBeUndefined();
    expect(OffsetIndex.decode(Buffer.alloc(8), 20_000)).toBeUndefined();
    expect(OffsetIndex.decode(Buffer.alloc(0), 20_000)?.length).toBe(0);
  });

  it('rejects an entry that does not follow the last one', () => {
    const idx = build();
    expect(() => idx.append(40, 13_000)).toThrow(RangeError);
    expect(() => idx.append(41, 12_400)).toThrow(RangeError);
  });
});
