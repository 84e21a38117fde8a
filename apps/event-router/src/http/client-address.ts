import type { IncomingMessage } from 'node:http';

/**
 * The address connection limits are counted against. Behind a proxy every request comes from
 * the proxy, so with trustProxy the first X-Forwarded-For hop (the original client) is used;
 * without it that header is ignored, because any client can forge it.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
