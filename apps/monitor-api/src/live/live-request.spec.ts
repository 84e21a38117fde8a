import { isLivePath, LIVE_CLOSE, parseLiveRequest } from './live-request';
import { closeReason } from './live-connection';

const options = { minIntervalSeconds: 1, maxIntervalSeconds: 300, defaultIntervalSeconds: 10, maxConnections: 10 };

describe('parseLiveRequest', () => {
  it.each([
    ['/ws/consumers/groups/billing/live', { groupId: 'billing', clusterId: undefined, intervalSeconds: 10, accessToken: undefined }],
    ['/ws/consumers/groups/billing/live/?interval=1', { groupId: 'billing', clusterId: undefined, intervalSeconds: 1, accessToken: undefined }],
    ['/ws/consumers/groups/a%2Fb%20c/live?cluster_id=redis&interval=300', { groupId: 'a/b c', clusterId: 'redis', intervalSeconds: 300, accessToken: undefined }],
    ['/ws/consumers/groups/g/live?access_token=abc&other=ignored', { groupId: 'g', clusterId: undefined, intervalSeconds: 10, accessToken: 'abc' }],
  ])('accepts %s', (url, request) => {
    expect(parseLiveRequest(url, options)).toEqual({ ok: true, request });
  });

  it.each([
    ['/ws/consumers/groups/g/live?interval=0', 'interval must be a whole number of seconds from 1 to 300'],
    ['/ws/consumers/groups/g/live?interval=301', 'interval must be a whole number of seconds from 1 to 300'],
    ['/ws/consumers/groups/g/live?interval=1.5', 'interval must be a whole number of seconds from 1 to 300'],
    ['/ws/consumers/groups/g/live?interval=abc', 'interval must be a whole number of seconds from 1 to 300'],
    ['/ws/consumers/groups/g/live?interval=', 'interval must be a whole number of seconds from 1 to 300'],
    ['/ws/consumers/groups/g/live?interval=-5', 'interval must be a whole number of seconds from 1 to 300'],
    ['/ws/consumers/groups/g/live?interval=1&interval=2', 'interval must be given once'],
    ['/ws/consumers/groups/g/live?cluster_id=', 'cluster_id must not be empty'],
    ['/ws/consumers/groups/g/live?cluster_id=a&cluster_id=b', 'cluster_id must be given once'],
    ['/ws/consumers/groups/%E0%A4%A/live', 'group_id is not valid percent-encoding'],
  ])('refuses %s with 4400: %s', (url, reason) => {
    expect(parseLiveRequest(url, options)).toEqual({ ok: false, code: LIVE_CLOSE.badRequest, reason });
  });

  it('knows its own paths only', () => {
    expect(isLivePath('/ws/consumers/groups/g/live?x=1')).toBe(true);
    expect(isLivePath('/ws/consumers/groups//live')).toBe(false);
    expect(isLivePath('/ws/consumers/groups/a/b/live')).toBe(false);
    expect(isLivePath('/api/v1/consumers/groups')).toBe(false);
    expect(parseLiveRequest('/ws/other', options)).toEqual({ ok: false, code: LIVE_CLOSE.notFound, reason: 'no live feed at /ws/other' });
  });
});

describe('closeReason', () => {
  it('keeps a reason that fits a close frame and shortens a longer one to 123 bytes with an ellipsis', () => {
    expect(closeReason('unknown cluster_id x; known: local, redis')).toBe('unknown cluster_id x; known: local, redis');
    const long = `unknown cluster_id x; known: ${Array.from({ length: 40 }, (_, i) => `cluster-${i}`).join(', ')}`;
    expect(Buffer.byteLength(closeReason(long))).toBeLessThanOrEqual(123);
    expect(closeReason(long).endsWith('…')).toBe(true);
    expect(long.startsWith(closeReason(long).slice(0, -1))).toBe(true);
    expect(Buffer.byteLength(closeReason('é'.repeat(100)))).toBeLessThanOrEqual(123);
  });
});
