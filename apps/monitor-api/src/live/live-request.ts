import type { LiveFeedOptions } from './live-env';

/**
 * Close codes of the live feed: 4000 + the HTTP status the same refusal gets from the REST API
 * (4400 bad parameter, 4401 no or bad token, 4403 missing scope, 4404 unknown cluster or group,
 * 4503 auth misconfigured or too many connections). The range 4000–4999 is the application's own
 * (RFC 6455 §7.4.2), and a browser sees code and reason in its CloseEvent, whereas a refused
 * upgrade only shows up as an anonymous `error`.
 */
export const LIVE_CLOSE = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  unavailable: 4503,
} as const;

const PATH = /^\/ws\/consumers\/groups\/([^/]+)\/live\/?$/;

export interface LiveRequest {
  groupId: string;
  /** Unset means the read model's default cluster. */
  clusterId: string | undefined;
  intervalSeconds: number;
  accessToken: string | undefined;
}

export type LiveRequestResult = { ok: true; request: LiveRequest } | { ok: false; code: number; reason: string };

/** True when the upgrade is for the live feed at all; anything else on the server is answered 404. */
export function isLivePath(url: string): boolean {
  return PATH.test(new URL(url, 'http://localhost').pathname);
}

function single(query: URLSearchParams, name: string): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  const values = query.getAll(name);
  if (values.length > 1) return { ok: false, reason: `${name} must be given once` };
  return { ok: true, value: values[0] };
}

/** Reads `/ws/consumers/groups/{group_id}/live?cluster_id=&interval=&access_token=`; every refusal names its field. */
export function parseLiveRequest(url: string, options: LiveFeedOptions): LiveRequestResult {
  const parsed = new URL(url, 'http://localhost');
  const match = PATH.exec(parsed.pathname);
  if (!match) return { ok: false, code: LIVE_CLOSE.notFound, reason: `no live feed at ${parsed.pathname}` };
  let groupId: string;
  try {
    groupId = decodeURIComponent(match[1]);
  } catch {
    return { ok: false, code: LIVE_CLOSE.badRequest, reason: 'group_id is not valid percent-encoding' };
  }

  const bad = (reason: string) => ({ ok: false as const, code: LIVE_CLOSE.badRequest, reason });
  const cluster = single(parsed.searchParams, 'cluster_id');
  if (!cluster.ok) return bad(cluster.reason);
  if (cluster.value !== undefined && cluster.value.trim() === '') return bad('cluster_id must not be empty');

  const interval = single(parsed.searchParams, 'interval');
  if (!interval.ok) return bad(interval.reason);
  let intervalSeconds = options.defaultIntervalSeconds;
  if (interval.value !== undefined) {
    const { minIntervalSeconds: min, maxIntervalSeconds: max } = options;
    const n = /^\d{1,6}$/.test(interval.value) ? Number(interval.value) : NaN;
    if (!(n >= min && n <= max)) return bad(`interval must be a whole number of seconds from ${min} to ${max}`);
    intervalSeconds = n;
  }

  const token = single(parsed.searchParams, 'access_token');
  if (!token.ok) return bad(token.reason);
  return { ok: true, request: { groupId, clusterId: cluster.value, intervalSeconds, accessToken: token.value || undefined } };
}
