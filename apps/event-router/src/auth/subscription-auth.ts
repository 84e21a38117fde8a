import type { IncomingMessage } from 'node:http';
import { extractBearerToken, verifyHmacJwt } from '@app/platform';
import type { Topic } from '../routing/routed-keys';
import { grantAllows, grantFromClaims } from './subscription-grant';

/** On success, when the token stops being valid (ms since epoch; infinite without `exp`). */
export type AuthDecision = { ok: true; expiresAt: number } | { ok: false; status: 401 | 403; message: string };

/**
 * The token comes as `Authorization: Bearer <jwt>` or, for browsers' EventSource which cannot
 * set headers, as `?access_token=<jwt>`. No token or a bad one is 401; a valid token that does
 * not list the requested job or channel is 403.
 */
export function authorizeSubscription(req: IncomingMessage, queryToken: string | undefined, topic: Topic, secret: string, nowSeconds: number): AuthDecision {
  const extracted = extractBearerToken(req.headers.authorization, queryToken);
  if (!extracted.ok) return { ok: false, status: 401, message: extracted.message };
  const verified = verifyHmacJwt(extracted.token, secret, nowSeconds);
  if (!verified.ok) return { ok: false, status: 401, message: verified.reason };
  const grant = grantFromClaims(verified.claims);
  if (!grant.ok) return { ok: false, status: 401, message: grant.reason };
  if (!grantAllows(grant.grant, topic)) {
    const what = topic.kind === 'job' ? `job ${JSON.stringify(topic.jobId)}` : `channel ${JSON.stringify(topic.channel)}`;
    return { ok: false, status: 403, message: `the token does not allow ${what}` };
  }
  const { exp } = verified.claims;
  return { ok: true, expiresAt: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY };
}
