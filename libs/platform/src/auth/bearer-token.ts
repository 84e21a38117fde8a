/**
 * Where a bearer token comes from: `Authorization: Bearer <token>`, or `?access_token=<token>`
 * for browsers' EventSource and WebSocket, which cannot set headers (RFC 6750 §2.3). A header
 * that is present but not of the Bearer form is refused rather than silently ignored.
 */
export type BearerTokenResult = { ok: true; token: string } | { ok: false; message: string };

export function extractBearerToken(authorization: string | undefined, queryToken: string | undefined): BearerTokenResult {
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return { ok: false, message: 'the Authorization header must be "Bearer <token>"' };
    return { ok: true, token: match[1] };
  }
  if (queryToken) return { ok: true, token: queryToken };
  return { ok: false, message: 'a token is required: Authorization: Bearer <token>, or ?access_token=<token>' };
}
