import { IsoTimestamps } from './iso-timestamps';

describe('IsoTimestamps', () => {
  it('formats like Date#toISOString, for repeated and changing milliseconds', () => {
    const timestamps = new IsoTimestamps();
    for (const ms of [0, 1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_001, 5, 1_700_000_000_001]) {
      expect(timestamps.format(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
