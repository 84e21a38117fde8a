import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { authorizeSubscription } from '../auth/subscription-auth';
import { EVENT_ROUTER_CONFIG, EventRouterConfig } from '../config';
import { parseStreamId } from '../cursor/stream-id';
import { clientAddress } from '../http/client-address';
import { corsHeaders, preflightHeaders } from '../http/cors';
import { Rejection, SseMetrics } from '../metrics/sse-metrics';
import { CHANNELS, isChannelName, Topic } from '../routing/routed-keys';
import { SubscriptionService } from './subscription.service';

const MAX_JOB_ID_LENGTH = 200;
const ROUTE = /^\/events\/(jobs|channels)\/([^/]+)\/?$/;

/** Auth is on unless explicitly disabled; without a secret the router starts (health, metrics) but serves no stream. */
export const AUTH_NOT_CONFIGURED = 'authentication is on but SSE_JWT_SECRET is not set: set it, or SSE_AUTH_DISABLED=true for local development only';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 429: 'Too Many Requests', 503: 'Service Unavailable',
};
const REJECTION: Record<number, Rejection> = { 401: 'unauthorized', 403: 'forbidden', 503: 'unavailable' };

function nonEmpty(value: string | string[] | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `GET /events/jobs/:jobId` and `GET /events/channels/:channel`, answered on the raw Node
 * request/response, outside Express and Nest (see SseRouteMount for why). Everything else under
 * `/events/` is answered here too, so no SSE path ever reaches the framework.
 */
@Injectable()
export class SseRequestHandler {
  constructor(
    @Inject(EVENT_ROUTER_CONFIG) private readonly config: EventRouterConfig,
    private readonly subscriptions: SubscriptionService,
    private readonly metrics: SseMetrics,
  ) {}

  /** Whether the request is one of this handler's paths; if so it has been (or is being) answered. */
  handles(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith('/events/');
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://router');
    const match = ROUTE.exec(url.pathname);
    if (!match) return this.fail(req, res, 404, `no such stream ${JSON.stringify(url.pathname)}; use /events/jobs/{job_id} or /events/channels/{${CHANNELS.join('|')}}`, false);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req.headers.origin, this.config.SSE_CORS_ORIGINS)).end();
      return;
    }
    if (req.method !== 'GET') return this.fail(req, res, 405, `${req.method} is not allowed; streams are read with GET`, false);

    let id: string;
    try {
      id = decodeURIComponent(match[2]);
    } catch {
      return this.fail(req, res, 400, 'the path is not valid percent-encoding', true);
    }
    let topic: Topic;
    if (match[1] === 'jobs') {
      if (id.length > MAX_JOB_ID_LENGTH) return this.fail(req, res, 400, `job id is longer than ${MAX_JOB_ID_LENGTH} characters`, true);
      topic = { kind: 'job', jobId: id };
    } else {
      if (!isChannelName(id)) return this.fail(req, res, 404, `unknown channel ${JSON.stringify(id)}; channels are ${CHANNELS.join(', ')}`, true);
      topic = { kind: 'channel', channel: id };
    }

    let expiresAt = Number.POSITIVE_INFINITY;
    if (!this.config.SSE_AUTH_DISABLED) {
      if (!this.config.SSE_JWT_SECRET) return this.fail(req, res, 503, AUTH_NOT_CONFIGURED, true);
      const decision = authorizeSubscription(req, nonEmpty(url.searchParams.get('access_token')), topic, this.config.SSE_JWT_SECRET, Math.floor(Date.now() / 1000));
      if (!decision.ok) return this.fail(req, res, decision.status, decision.message, true);
      expiresAt = decision.expiresAt;
    }
    // The header wins: a browser reconnects to the same URL, so a query cursor is the stale first one.
    const cursor = nonEmpty(req.headers['last-event-id']) ?? nonEmpty(url.searchParams.get('last_event_id'));
    if (cursor !== undefined && !parseStreamId(cursor)) {
      return this.fail(req, res, 400, `Last-Event-ID must be an event id this router sent (like 1700000000000-0), got ${JSON.stringify(cursor.slice(0, 60))}`, true);
    }
    const result = await this.subscriptions.open(
      { topic, cursor, expiresAt, clientAddress: clientAddress(req, this.config.SSE_TRUST_PROXY), extraHeaders: corsHeaders(req.headers.origin, this.config.SSE_CORS_ORIGINS) },
      res,
    );
    if (!result.ok) this.fail(req, res, result.status, result.message, false);
  }

  private fail(req: IncomingMessage, res: ServerResponse, status: number, message: string, count: boolean): void {
    if (count) this.metrics.rejected(REJECTION[status] ?? 'bad_request');
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', ...corsHeaders(req.headers.origin, this.config.SSE_CORS_ORIGINS) };
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="event-router"';
    if (status === 429 || status === 503) headers['Retry-After'] = '5';
    if (status === 405) headers.Allow = 'GET, OPTIONS';
    res.writeHead(status, headers).end(JSON.stringify({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message }));
  }
}
