import { grantAllows, grantFromClaims } from './subscription-grant';

describe('subscription grants', () => {
  it('allows listed ids and wildcards per kind', () => {
    const result = grantFromClaims({ jobs: ['j1'], channels: ['*'] });
    if (!result.ok) throw new Error(result.reason);
    expect(grantAllows(result.grant, { kind: 'job', jobId: 'j1' })).toBe(true);
    expect(grantAllows(result.grant, { kind: 'job', jobId: 'j2' })).toBe(false);
    expect(grantAllows(result.grant, { kind: 'channel', channel: 'pipelines' })).toBe(true);
  });

  it('allows nothing when the claims are absent and refuses malformed lists', () => {
    const empty = grantFromClaims({});
    expect(empty.ok && grantAllows(empty.grant, { kind: 'channel', channel: 'alerts' })).toBe(false);
    expect(grantFromClaims({ jobs: 'j1' })).toEqual({ ok: false, reason: 'token claims "jobs" and "channels" must be lists of strings' });
    expect(grantFromClaims({ channels: [1] }).ok).toBe(false);
  });
});
