// Talks to monitor-api: REST under /api/v1/consumers and the live WebSocket, with the bearer
// token the page was opened with (?access_token=..., kept in sessionStorage for this tab only and
// taken out of the address bar so it does not end up in bookmarks or screenshots).
const TOKEN_KEY = 'monitor-api.access_token';
const BASE = '/api/v1/consumers';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function adoptTokenFromUrl() {
  const url = new URL(location.href);
  const token = url.searchParams.get('access_token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    url.searchParams.delete('access_token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The API's error bodies: `{message}` from the auth guard, `{error, fields}` for a bad query, `{error, known_clusters}` for an unknown cluster. */
function describeError(body, fallback) {
  if (body.fields) return `${body.error}: ${body.fields.map((f) => `${f.field} (expected ${f.expected})`).join(', ')}`;
  if (body.known_clusters) return `${body.error} ${body.cluster_id}; known: ${body.known_clusters.join(', ')}`;
  return body.message || body.error || fallback;
}

/** `fresh`: skip the browser's copy (the API allows caching answers for 5 s; a live frame may know of a newer snapshot). */
export async function getJson(path, params = {}, { fresh = false } = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const url = `${BASE}${path}${query.size ? `?${query}` : ''}`;
  const headers = { Accept: 'application/json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(url, { headers, cache: fresh ? 'no-cache' : 'default' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, describeError(body, response.statusText));
  return body;
}

/** Every item of a paginated list (`{items, page, page_size, total}`). */
export async function getAll(path, params = {}) {
  const items = [];
  for (let page = 1; ; page++) {
    const body = await getJson(path, { ...params, page, page_size: 500 });
    items.push(...body.items);
    if (body.items.length === 0 || items.length >= body.total) return items;
  }
}

export function liveSocket(groupId, clusterId, intervalSeconds) {
  const query = new URLSearchParams({ cluster_id: clusterId, interval: String(intervalSeconds) });
  const bearer = token();
  if (bearer) query.set('access_token', bearer);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocket(`${scheme}://${location.host}/ws/consumers/groups/${encodeURIComponent(groupId)}/live?${query}`);
}
