import { ResponseCache } from './response-cache';

describe('ResponseCache', () => {
  let now = 0;
  let builds = 0;
  let versions: Record<string, number> = {};
  const clock = { now: () => now };
  const version = (clusterId: string) => versions[clusterId] ?? 0;
  const build = (value: unknown) => () => {
    builds++;
    return value;
  };

  beforeEach(() => {
    now = 1_000;
    builds = 0;
    versions = { local: 1, redis: 1 };
  });

  it('serialises once per snapshot and URL, as UTF-8 JSON with a weak ETag of the bytes', () => {
    const cache = new ResponseCache(clock, version, 5_000);
    const first = cache.get('/groups', 'local', build({ group_id: 'billing', lag: 'ü' }));
    const second = cache.get('/groups', 'local', build({ group_id: 'other' }));
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(JSON.parse(first.body.toString('utf8'))).toEqual({ group_id: 'billing', lag: 'ü' });
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  });

  it('builds again for a newer snapshot of its cluster, after the TTL, or for another URL; the ETag follows the content', () => {
    const cache = new ResponseCache(clock, version, 5_000);
    const a = cache.get('/k', 'local', build({ n: 1 }));
    versions.redis = 2;
    expect(cache.get('/k', 'local', build({ n: 9 }))).toBe(a);
    versions.local = 2;
    expect(cache.get('/k', 'local', build({ n: 1 })).etag).toBe(a.etag);
    now += 5_000;
    expect(cache.get('/k', 'local', build({ n: 2 })).etag).not.toBe(a.etag);
    cache.get('/other', 'local', build({ n: 2 }));
    expect(builds).toBe(4);
  });

  it('offers an entry as fresh only while its cluster has no newer snapshot and within the TTL', () => {
    const cache = new ResponseCache(clock, version, 5_000);
    expect(cache.fresh('/k')).toBeUndefined();
    const entry = cache.get('/k', 'redis', build({ n: 1 }));
    expect(cache.fresh('/k')).toBe(entry);
    versions.local = 7;
    expect(cache.fresh('/k')).toBe(entry);
    now += 4_999;
    expect(cache.fresh('/k')).toBe(entry);
    now += 1;
    expect(cache.fresh('/k')).toBeUndefined();
    now -= 1;
    versions.redis = 2;
    expect(cache.fresh('/k')).toBeUndefined();
  });

  it('answers a fresh entry as is and a stale one built again by its refresh; without a refresh, or once it finds nothing or throws, there is no answer', () => {
    const cache = new ResponseCache(clock, version, 5_000);
    expect(cache.holds('/k')).toBe(false);
    expect(cache.answer('/k')).toBeUndefined();
    let value: unknown = { n: 1 };
    const first = cache.get('/k', 'local', build(value), () => (builds++, value));
    cache.get('/plain', 'local', build({ n: 1 }));
    expect(cache.answer('/k')).toBe(first);
    expect(builds).toBe(2);
    versions.local = 2;
    value = { n: 2 };
    const second = cache.answer('/k');
    expect(JSON.parse(second?.body.toString('utf8') ?? '')).toEqual({ n: 2 });
    expect(cache.fresh('/k')).toBe(second);
    expect(cache.answer('/plain')).toBeUndefined();
    expect(builds).toBe(3);
    now += 5_000;
    value = undefined;
    expect(cache.answer('/k')).toBeUndefined();
    expect(cache.holds('/k')).toBe(false);
    cache.get('/t', 'local', build(1), () => {
      throw new Error('gone wrong');
    });
    versions.local = 3;
    expect(cache.answer('/t')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new ResponseCache(clock, version, 5_000, 2);
    cache.get('a', 'local', build(1));
    cache.get('b', 'local', build(2));
    cache.get('c', 'local', build(3));
    cache.get('b', 'local', build(2));
    expect(builds).toBe(3);
    cache.get('a', 'local', build(1));
    expect(builds).toBe(4);
  });
});
