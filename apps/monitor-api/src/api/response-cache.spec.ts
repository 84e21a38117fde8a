import { ResponseCache } from './response-cache';

describe('ResponseCache', () => {
  let now = 0;
  let builds = 0;
  const clock = { now: () => now };
  const build = (value: unknown) => () => {
    builds++;
    return value;
  };

  beforeEach(() => {
    now = 1_000;
    builds = 0;
  });

  it('serialises once per snapshot and key, as UTF-8 JSON with a weak ETag of the bytes', () => {
    const cache = new ResponseCache(clock, 5_000);
    const first = cache.get('local /groups', 1, build({ group_id: 'billing', lag: 'ü' }));
    const second = cache.get('local /groups', 1, build({ group_id: 'other' }));
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(JSON.parse(first.body.toString('utf8'))).toEqual({ group_id: 'billing', lag: 'ü' });
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  });

  it('builds again for a newer snapshot, after the TTL, or for another key; the ETag follows the content', () => {
    const cache = new ResponseCache(clock, 5_000);
    const a = cache.get('k', 1, build({ n: 1 }));
    expect(cache.get('k', 2, build({ n: 1 })).etag).toBe(a.etag);
    now += 5_000;
    expect(cache.get('k', 2, build({ n: 2 })).etag).not.toBe(a.etag);
    cache.get('other', 2, build({ n: 2 }));
    expect(builds).toBe(4);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new ResponseCache(clock, 5_000, 2);
    cache.get('a', 1, build(1));
    cache.get('b', 1, build(2));
    cache.get('c', 1, build(3));
    cache.get('b', 1, build(2));
    expect(builds).toBe(3);
    cache.get('a', 1, build(1));
    expect(builds).toBe(4);
  });
});
