import { timingSafeEqual } from 'node:crypto';
import { extractBearerToken } from './bearer-token';
import { verifyHmacJwt } from './hmac-jwt';

/** What an endpoint needs: `read` for queries and live feeds, `write` for anything that changes state. A write grant also reads. */
export type ApiAccess = 'read' | 'write';

/** The JWT scope names of one service, e.g. `{ read: 'monitor:read', write: 'monitor:write' }`. */
export interface ApiScopes {
  read: string;
  write: string;
}

/** From `apiAuthEnv`: a JWT secret, static tokens from a Secret, or both. */
export interface ApiAuthConfig {
  disabled: boolean;
  jwtSecret: string | undefined;
  readTokens: readonly string[];
  writeTokens: readonly string[];
}

export interface ApiCredentials {
  authorization: string | undefined;
  queryToken: string | undefined;
}

/** `subject` is the JWT `sub`, or `static-token` for a static one; `expiresAt` in ms since epoch (infinite without `exp`). */
export type ApiAuthDecision =
  | { ok: true; subject: string | undefined; expiresAt: number }
  | { ok: false; status: 401 | 403 | 503; message: string };

function sameToken(given: Buffer, expected: string): boolean {
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The standard space-separated `scope` claim (RFC 8693 §4.2), or an `scp` list as some issuers write it. */
function scopesOf(claims: Record<string, unknown>): string[] | undefined {
  const { scope, scp } = claims;
  if (typeof scope === 'string') return scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(scp) && scp.every((item) => typeof item === 'string')) return scp;
  if (scope === undefined && scp === undefined) return [];
  return undefined;
}

/**
 * Decides one request: 401 for a missing, malformed, unknown, forged or expired token, 403 for a
 * valid token without the scope the endpoint needs, 503 when auth is on but nothing to check a
 * token against is configured (the same rule as event-router's SSE auth, so a misconfigured
 * deployment refuses instead of opening up). Pure: the caller passes the time.
 */
export function authorizeBearer(credentials: ApiCredentials, access: ApiAccess, config: ApiAuthConfig, scopes: ApiScopes, nowSeconds: number): ApiAuthDecision {
  if (config.disabled) return { ok: true, subject: undefined, expiresAt: Number.POSITIVE_INFINITY };
  if (config.jwtSecret === undefined && config.readTokens.length === 0 && config.writeTokens.length === 0) {
    return { ok: false, status: 503, message: 'API authentication is on but neither API_JWT_SECRET nor API_READ_TOKENS/API_WRITE_TOKENS is set' };
  }
  const extracted = extractBearerToken(credentials.authorization, credentials.queryToken);
  if (!extracted.ok) return { ok: false, status: 401, message: extracted.message };

  // Every static token is compared, so the time taken does not tell which list matched.
  const given = Buffer.from(extracted.token);
  const writer = config.writeTokens.map((token) => sameToken(given, token)).includes(true);
  const reader = config.readTokens.map((token) => sameToken(given, token)).includes(true);
  if (writer || reader) {
    if (access === 'write' && !writer) return { ok: false, status: 403, message: `this token may only read; ${scopes.write} is required` };
    return { ok: true, subject: 'static-token', expiresAt: Number.POSITIVE_INFINITY };
  }

  if (config.jwtSecret === undefined) return { ok: false, status: 401, message: 'the token is not one of the configured API tokens' };
  const verified = verifyHmacJwt(extracted.token, config.jwtSecret, nowSeconds);
  if (!verified.ok) return { ok: false, status: 401, message: verified.reason };
  const granted = scopesOf(verified.claims);
  if (!granted) return { ok: false, status: 401, message: 'token claim "scope" must be a space-separated string (or "scp" a list of strings)' };
  const allowed = access === 'read' ? granted.includes(scopes.read) || granted.includes(scopes.write) : granted.includes(scopes.write);
  if (!allowed) return { ok: false, status: 403, message: `the token lacks the scope ${access === 'read' ? scopes.read : scopes.write}` };
  const { sub, exp } = verified.claims;
  return { ok: true, subject: typeof sub === 'string' ? sub : undefined, expiresAt: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY };
}
