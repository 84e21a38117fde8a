import fc from 'fast-check';
import { ApiAuthConfig, authorizeBearer } from './api-auth';
import { signHs256Jwt } from './hmac-jwt';

const secret = 'an-api-secret-that-is-long-enough-12345';
const now = 1_800_000_000;
const scopes = { read: 'monitor:read', write: 'monitor:write' };
const readToken = 'read-token-from-a-secret-0001';
const writeToken = 'write-token-from-a-secret-0001';
const config: ApiAuthConfig = { disabled: false, jwtSecret: secret, readTokens: [readToken], writeTokens: [writeToken] };
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, queryToken: undefined });
const jwt = (claims: Record<string, unknown>) => signHs256Jwt(claims, secret);

describe('authorizeBearer', () => {
  it.each([
    ['a read JWT reads', bearer(jwt({ sub: 'ana', scope: 'monitor:read' })), 'read', { ok: true, subject: 'ana' }],
    ['a write JWT reads too', bearer(jwt({ scope: 'other monitor:write' })), 'read', { ok: true }],
    ['a write JWT writes', bearer(jwt({ scope: 'monitor:write' })), 'write', { ok: true }],
    ['an scp list is read as scopes', bearer(jwt({ scp: ['monitor:write'] })), 'write', { ok: true }],
    ['the token may come as ?access_token=', { authorization: undefined, queryToken: jwt({ scope: 'monitor:read' }) }, 'read', { ok: true }],
    ['a static read token reads', bearer(readToken), 'read', { ok: true, subject: 'static-token' }],
    ['a static write token writes', bearer(writeToken), 'write', { ok: true }],
    ['a read JWT may not write', bearer(jwt({ scope: 'monitor:read' })), 'write', { ok: false, status: 403, message: 'the token lacks the scope monitor:write' }],
    ['another service\'s scope is not ours', bearer(jwt({ scope: 'pipelines:write' })), 'read', { ok: false, status: 403 }],
    ['a JWT without scopes reads nothing', bearer(jwt({ sub: 'x' })), 'read', { ok: false, status: 403 }],
    ['a static read token may not write', bearer(readToken), 'write', { ok: false, status: 403 }],
    ['no token', { authorization: undefined, queryToken: undefined }, 'read', { ok: false, status: 401 }],
    ['Basic auth', { authorization: 'Basic dXNlcjpwYXNz', queryToken: undefined }, 'read', { ok: false, status: 401, message: 'the Authorization header must be "Bearer <token>"' }],
    ['a forged JWT', bearer(signHs256Jwt({ scope: 'monitor:write' }, 'another-secret-that-is-long-enough-xxxx')), 'read', { ok: false, status: 401, message: 'token signature is invalid' }],
    ['an expired JWT', bearer(jwt({ scope: 'monitor:read', exp: now - 60 })), 'read', { ok: false, status: 401, message: 'token has expired' }],
    ['a scope claim that is not a string', bearer(jwt({ scope: ['monitor:read'] })), 'read', { ok: false, status: 401 }],
  ] as const)('%s', (_name, credentials, access, expected) => {
    expect(authorizeBearer(credentials, access, config, scopes, now)).toMatchObject(expected);
  });

  it('turns exp into the moment access ends', () => {
    expect(authorizeBearer(bearer(jwt({ scope: 'monitor:read', exp: now + 60 })), 'read', config, scopes, now)).toEqual({ ok: true, subject: undefined, expiresAt: (now + 60) * 1000 });
  });

  it('lets everything through only when disabled', () => {
    const off = { ...config, disabled: true };
    expect(authorizeBearer({ authorization: undefined, queryToken: undefined }, 'write', off, scopes, now).ok).toBe(true);
  });

  it('refuses with 503 when auth is on and nothing is configured to check tokens against', () => {
    const empty: ApiAuthConfig = { disabled: false, jwtSecret: undefined, readTokens: [], writeTokens: [] };
    expect(authorizeBearer(bearer(readToken), 'read', empty, scopes, now)).toMatchObject({ ok: false, status: 503 });
  });

  it('refuses a JWT when only static tokens are configured', () => {
    const staticOnly = { ...config, jwtSecret: undefined };
    expect(authorizeBearer(bearer(jwt({ scope: 'monitor:write' })), 'read', staticOnly, scopes, now)).toMatchObject({ ok: false, status: 401 });
  });

  it('never grants an arbitrary token', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !/\s/.test(s) && s !== readToken && s !== writeToken), fc.constantFrom('read', 'write' as const), (token, access) => {
        expect(authorizeBearer(bearer(token), access, config, scopes, now).ok).toBe(false);
      }),
    );
  });
});
