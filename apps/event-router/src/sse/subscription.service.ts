import type { ServerResponse } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { InjectRedis, RedisClient } from '@app/platform';
import { fieldsToRecord } from '@app/domain';
import { EVENT_ROUTER_CONFIG, EventRouterConfig } from '../config';
import { planReplay, ReplayPlan, StreamFacts } from '../cursor/replay-plan';
import { exclusiveStart, parseStreamId } from '../cursor/stream-id';
import { Announcements, announcementsFor } from '../fanout/announcements';
import { LiveHub } from '../fanout/live-hub';
import { Admission, ConnectionLimiter } from '../http/connection-limiter';
import { SseMetrics } from '../metrics/sse-metrics';
import { RoutedKeys, Topic } from '../routing/routed-keys';
import { CloseReason, ConnectionHooks, SseConnection } from './sse-connection';
import { eventFrame, resetFrame, retryFrame } from './sse-frame';

const REPLAY_PAGE = 200;

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

export interface SubscriptionRequest {
  topic: Topic;
  cursor: string | undefined;
  /** When the token expires (ms since epoch); the stream is closed then. */
  expiresAt: number;
  clientAddress: string;
  extraHeaders: Record<string, string>;
}

export type OpenResult = { ok: true } | { ok: false; status: number; message: string };

/**
 * Opens SSE streams: admission (connection limits), live listener first, then the history from
 * the client's cursor, then live. Owns every open connection of the process: the heartbeat
 * sweep and the goodbye at shutdown.
 */
@Injectable()
export class SubscriptionService implements BeforeApplicationShutdown, OnModuleDestroy {
  private readonly limiter: ConnectionLimiter;
  private readonly keys: RoutedKeys;
  private readonly hub: LiveHub;
  private readonly subscriber: Announcements;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly hooks: ConnectionHooks;
  private accepting = true;

  constructor(
    @Inject(EVENT_ROUTER_CONFIG) private readonly config: EventRouterConfig,
    @InjectRedis() private readonly redis: RedisClient,
    private readonly metrics: SseMetrics,
    @InjectPinoLogger(SubscriptionService.name) private readonly logger: PinoLogger,
  ) {
    this.limiter = new ConnectionLimiter(config.SSE_MAX_CONNECTIONS, config.SSE_MAX_CONNECTIONS_PER_CLIENT);
    this.keys = new RoutedKeys(config.ROUTED_KEY_PREFIX);
    this.subscriber = announcementsFor(redis, 'event-router-fanout');
    this.hub = new LiveHub(this.subscriber, redis, logger.logger);
    this.hooks = {
      delivered: (connection, frame, at, live) => {
        const kind = connection.topic.kind;
        this.metrics.delivered[kind].inc();
        if (live) this.metrics.latency[kind].observe((at - frame.ms) / 1000);
      },
      closed: (connection, reason) => this.onClosed(connection, reason),
    };
    // One sweep for all connections instead of a timer each: ten thousand timers cost more than one loop.
    this.heartbeat = setInterval(() => this.sweep(), Math.min(1000, config.SSE_HEARTBEAT_MS));
    this.heartbeat.unref();
    if (config.SSE_AUTH_DISABLED) logger.warn('SSE_AUTH_DISABLED=true: every stream is open to anyone; for local development only');
    else if (!config.SSE_JWT_SECRET) logger.warn('SSE_JWT_SECRET is not set: every subscription is refused with 503 until it is');
  }

  async open(request: SubscriptionRequest, res: ServerResponse): Promise<OpenResult> {
    if (!this.accepting) return { ok: false, status: 503, message: 'the router is shutting down; reconnect to another replica' };
    const admission = this.limiter.tryAcquire(request.clientAddress);
    if (admission !== 'ok') return this.refuse(admission);

    const { topic } = request;
    this.metrics.openConnections[topic.kind].inc();
    const connection = new SseConnection(topic, this.keys.forTopic(topic), request.clientAddress, res, this.config.SSE_MAX_BUFFERED_BYTES, this.hooks, request.expiresAt);
    res.on('close', () => connection.close('client'));

    let plan: ReplayPlan;
    try {
      await this.hub.join(connection);
      if (connection.closed) return { ok: true };
      plan = planReplay(topic, request.cursor, await this.readFacts(connection.key, request.cursor));
    } catch (error) {
      this.logger.error({ err: error, key: connection.key }, 'could not start a subscription');
      if (!connection.closed) {
        res.writeHead(503, { 'Content-Type': 'application/json', ...request.extraHeaders });
        res.write(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'Redis is unavailable; retry shortly' }));
        connection.close('shutdown');
      }
      this.metrics.rejected('unavailable');
      return { ok: true };
    }
    if (connection.closed) return { ok: true };

    if (plan.action === 'ended') {
      // 204 is the one answer that makes a browser's EventSource stop reconnecting.
      res.writeHead(204, request.extraHeaders);
      connection.close('done');
      return { ok: true };
    }

    res.writeHead(200, { ...SSE_HEADERS, ...request.extraHeaders });
    connection.writeText(retryFrame(this.config.SSE_RETRY_MS));
    if (plan.action === 'replay') {
      if (plan.reset) {
        this.metrics.reset(topic.kind, plan.reset.reason);
        connection.writeText(resetFrame(plan.reset.reason, plan.reset.cursor, plan.reset.oldestId));
      } else if (plan.after !== undefined) {
        const after = parseStreamId(plan.after);
        if (after) connection.startAfter(after.ms, after.seq);
      }
      await this.replay(connection, res, plan.after, request.cursor !== undefined && !plan.reset);
    }
    connection.goLive();
    return { ok: true };
  }

  beforeApplicationShutdown(): void {
    this.accepting = false;
    clearInterval(this.heartbeat);
    // Ended streams make browsers reconnect (with their cursor) to a replica that is still up.
    const open: SseConnection[] = [];
    this.hub.forEachConnection((connection) => open.push(connection));
    for (const connection of open) connection.close('shutdown');
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber.close();
  }

  private refuse(admission: Exclude<Admission, 'ok'>): OpenResult {
    this.metrics.rejected(admission);
    return admission === 'process_full'
      ? { ok: false, status: 503, message: `this replica serves its maximum of ${this.config.SSE_MAX_CONNECTIONS} streams; retry later or elsewhere` }
      : { ok: false, status: 429, message: `too many streams from your address (limit ${this.config.SSE_MAX_CONNECTIONS_PER_CLIENT}); close some first` };
  }

  private async readFacts(key: string, cursor: string | undefined): Promise<StreamFacts> {
    const pipeline = this.redis.pipeline();
    pipeline.xrange(key, '-', '+', 'COUNT', 1);
    pipeline.xrevrange(key, '+', '-', 'COUNT', 1);
    if (cursor !== undefined) pipeline.xrange(key, cursor, cursor);
    const results = (await pipeline.exec()) ?? [];
    const [oldest, newest, atCursor] = results.map(([error, reply]) => {
      if (error) throw error;
      return reply as [string, string[]][];
    });
    this.hub.noteSeen(key, newest[0]?.[0]);
    return { oldestId: oldest[0]?.[0], cursorEvent: atCursor?.[0] ? (fieldsToRecord(atCursor[0][1]).event ?? '') : undefined };
  }

  /** Writes history in pages, pausing for the socket to drain so a big replay cannot pile up in memory. */
  private async replay(connection: SseConnection, res: ServerResponse, after: string | undefined, fromCursor: boolean): Promise<void> {
    let start = after === undefined ? '-' : exclusiveStart(after);
    let written = 0;
    try {
      for (;;) {
        const page = await this.redis.xrange(connection.key, start, '+', 'COUNT', REPLAY_PAGE);
        for (const [id, flat] of page) {
          const fields = fieldsToRecord(flat);
          if (!connection.replay(eventFrame(connection.topic, id, fields.event ?? 'message', fields.data ?? 'null'))) return;
          written++;
        }
        if (page.length < REPLAY_PAGE) return;
        start = exclusiveStart(page[page.length - 1][0]);
        if (connection.bufferedBytes > this.config.SSE_MAX_BUFFERED_BYTES / 2) await drained(res);
        if (connection.closed) return;
      }
    } catch (error) {
      this.logger.warn({ err: error, key: connection.key }, 'replay failed; closing so the client resumes from its cursor');
      connection.close('shutdown');
    } finally {
      this.metrics.replayed(connection.topic.kind, fromCursor, written);
    }
  }

  private onClosed(connection: SseConnection, reason: CloseReason): void {
    this.hub.leave(connection);
    this.limiter.release(connection.clientAddress);
    this.metrics.openConnections[connection.topic.kind].dec();
    if (reason === 'slow') {
      this.metrics.slowDisconnect(connection.topic.kind);
      this.logger.warn({ key: connection.key, client: connection.clientAddress }, 'disconnected a client that could not keep up');
    } else {
      this.logger.debug({ key: connection.key, client: connection.clientAddress, reason }, 'stream closed');
    }
  }

  private sweep(): void {
    const now = Date.now();
    const idleMs = this.config.SSE_HEARTBEAT_MS;
    this.hub.forEachConnection((connection) => connection.tick(now, idleMs));
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
