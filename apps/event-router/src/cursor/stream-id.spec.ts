import { compareStreamIds, exclusiveStart, parseStreamId } from './stream-id';

describe('stream ids', () => {
  it('compares numerically where string order would be wrong', () => {
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareStreamIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareStreamIds('1700000000000-3', '1700000000000-3')).toBe(0);
    expect(compareStreamIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
  });

  it('rejects anything that is not a complete id', () => {
    for (const bad of ['', '-', '$', '>', '123', '12-', '-3', '1-2-3', 'abc-1', '1.5-0', ' 1-0', '99999999999999999-0']) {
      expect(parseStreamId(bad)).toBeUndefined();
    }
    expect(() => compareStreamIds('1-0', 'nope')).toThrow('not a stream id: nope');
  });

  it('reads the parts as numbers and builds exclusive range starts', () => {
    expect(parseStreamId('1700000000123-7')).toEqual({ ms: 1700000000123, seq: 7 });
    expect(exclusiveStart('5-1')).toBe('(5-1');
  });
});
