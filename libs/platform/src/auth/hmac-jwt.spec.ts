import { createHmac } from 'node:crypto';
import { signHs256Jwt, verifyHmacJwt } from './hmac-jwt';

const secret = 'a-test-secret-that-is-long-enough-1234';
const now = 1_800_000_000;

function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('HMAC JWT verification', () => {
  it('accepts a token signed with the secret and returns its claims', () => {
    const token = signHs256Jwt({ sub: 'u', exp: now + 60, jobs: ['j1'] }, secret);
    expect(verifyHmacJwt(token, secret, now)).toEqual({ ok: true, claims: { sub: 'u', exp: now + 60, jobs: ['j1'] } });
  });

  it('accepts HS512 as well', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS512' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ jobs: ['*'] })).toString('base64url');
    const signature = createHmac('sha512', secret).update(`${header}.${payload}`).digest('base64url');
    expect(verifyHmacJwt(`${header}.${payload}.${signature}`, secret, now).ok).toBe(true);
  });

  it.each([
    ['garbage', 'x.y.z', 'not JSON'],
    ['two parts', 'abc.def', 'not a JWT'],
    ['wrong secret', signHs256Jwt({ jobs: ['j'] }, 'another-secret-that-is-long-enough-xx'), 'signature is invalid'],
    ['tampered payload', tamper(signHs256Jwt({ jobs: ['j'] }, secret), { jobs: ['*'] }), 'signature is invalid'],
    ['expired', signHs256Jwt({ exp: now - 31 }, secret), 'expired'],
    ['not yet valid', signHs256Jwt({ nbf: now + 31 }, secret), 'not valid yet'],
    ['non-numeric exp', signHs256Jwt({ exp: 'tomorrow' }, secret), 'expired'],
  ])('refuses %s', (_name, token, reason) => {
    const result = verifyHmacJwt(token, secret, now);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('refuses alg none and asymmetric algorithms', () => {
    for (const alg of ['none', 'RS256', 'ES256']) {
      const header = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ jobs: ['*'] })).toString('base64url');
      const result = verifyHmacJwt(`${header}.${payload}.`, secret, now);
      expect(result).toEqual({ ok: false, reason: `token algorithm "${alg}" is not accepted (HS256, HS384, HS512)` });
    }
  });
});
