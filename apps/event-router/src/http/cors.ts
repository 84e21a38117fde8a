/**
 * CORS headers for a request's Origin under the configured allow-list: none when the list is
 * empty or the origin is not on it (the browser then refuses the response), the origin itself
 * when it is listed, `*` for a wildcard list (then credentials cannot be used, per the spec).
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin || allowed.length === 0) return {};
  if (allowed.includes('*')) return { 'Access-Control-Allow-Origin': '*' };
  if (!allowed.includes(origin)) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
}

/** Extra headers answering a preflight: a fetch-based client sends Authorization and Last-Event-ID. */
export function preflightHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  const headers = corsHeaders(origin, allowed);
  if (!headers['Access-Control-Allow-Origin']) return headers;
  return {
    ...headers,
    'Access-Control-Allow-Methods': 'GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Last-Event-ID, Cache-Control',
    'Access-Control-Max-Age': '600',
  };
}
