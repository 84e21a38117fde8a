import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

const ALGORITHMS: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Verifies a compact JWS signed with HMAC (HS256/384/512) and its time claims. Only HMAC is
 * accepted, so a token cannot choose `none` or an asymmetric algorithm to dodge the secret.
 */
export function verifyHmacJwt(token: string, secret: string, nowSeconds: number, leewaySeconds = 30): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'token is not a JWT (expected header.payload.signature)' };
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart) as { alg?: unknown } | undefined;
  if (!header || typeof header !== 'object') return { ok: false, reason: 'token header is not JSON' };
  const hash = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!hash) return { ok: false, reason: `token algorithm ${JSON.stringify(header.alg)} is not accepted (HS256, HS384, HS512)` };

  const expected = createHmac(hash, secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'token signature is invalid' };

  const claims = decodeJson(payloadPart);
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return { ok: false, reason: 'token payload is not a JSON object' };
  const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown };
  if (exp !== undefined && (typeof exp !== 'number' || nowSeconds > exp + leewaySeconds)) return { ok: false, reason: 'token has expired' };
  if (nbf !== undefined && (typeof nbf !== 'number' || nowSeconds + leewaySeconds < nbf)) return { ok: false, reason: 'token is not valid yet' };
  return { ok: true, claims: claims as Record<string, unknown> };
}

/** Signs claims as an HS256 JWT: for the token tool and for tests. */
export function signHs256Jwt(claims: Record<string, unknown>, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
