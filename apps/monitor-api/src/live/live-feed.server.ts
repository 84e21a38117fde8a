import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { API_AUTH_OPTIONS, ApiAuthOptions, authorizeBearer } from '@app/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Counter, Gauge, Registry } from 'prom-client';
import { WebSocket, WebSocketServer } from 'ws';
import { GOVERNANCE_READ_MODEL, GovernanceReadModel } from '../governance/governance-read-model';
import { closeReason, LiveConnection } from './live-connection';
import type { LiveFeedOptions } from './live-env';
import { isLivePath, LIVE_CLOSE, parseLiveRequest } from './live-request';

export const LIVE_FEED_OPTIONS = Symbol('LIVE_FEED_OPTIONS');

const PING_INTERVAL_MS = 30_000;

/**
 * `WS /ws/consumers/groups/{group_id}/live`: a plain `ws` server on the HTTP server's `upgrade`
 * event rather than a Nest gateway. Nest's ws adapter matches one fixed path per gateway (the
 * group id is part of ours), must be installed by main.ts before listen, and hides the upgrade
 * request we need for the query string; here path, parameters and token are read from the request
 * and every refusal is a close frame with a code and reason the browser can show (see LIVE_CLOSE).
 */
@Injectable()
export class LiveFeedServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly connections = new Set<LiveConnection>();
  private pingTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly open: Gauge;
  private readonly frames: Counter<'outcome'>;
  private readonly refused: Counter<'code'>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GOVERNANCE_READ_MODEL) private readonly readModel: GovernanceReadModel,
    @Inject(API_AUTH_OPTIONS) private readonly auth: ApiAuthOptions,
    @Inject(LIVE_FEED_OPTIONS) private readonly options: LiveFeedOptions,
    registry: Registry,
    @InjectPinoLogger(LiveFeedServer.name) private readonly logger: PinoLogger,
  ) {
    this.open = new Gauge({ name: 'monitor_live_connections', help: 'Open WebSocket live-feed connections', registers: [registry], collect: () => this.open.set(this.connections.size) });
    this.frames = new Counter({ name: 'monitor_live_frames_total', help: 'Live-feed frames, sent or skipped because the client was too slow', labelNames: ['outcome'], registers: [registry] });
    this.refused = new Counter({ name: 'monitor_live_refused_total', help: 'Live-feed connections closed at once, by close code', labelNames: ['code'], registers: [registry] });
  }

  /** Open subscriptions (each holds exactly one timer). */
  get connectionCount(): number {
    return this.connections.size;
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.pingTimer = setInterval(() => this.connections.forEach((c) => c.ping()), PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
    clearInterval(this.pingTimer);
    for (const connection of [...this.connections]) connection.close(1001, 'monitor-api is shutting down');
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (!isLivePath(req.url ?? '/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        this.accept(req, ws);
      } catch (error) {
        this.logger.error({ err: error }, 'live feed connection failed');
        ws.close(1011, 'internal error');
      }
    });
  }

  private accept(req: IncomingMessage, ws: WebSocket): void {
    const refuse = (code: number, reason: string) => {
      this.refused.inc({ code: String(code) });
      ws.close(code, closeReason(reason));
    };
    if (this.stopping) return refuse(1001, 'monitor-api is shutting down');
    const parsed = parseLiveRequest(req.url ?? '/', this.options);
    if (!parsed.ok) return refuse(parsed.code, parsed.reason);
    const { request } = parsed;

    const now = this.auth.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
    const decision = authorizeBearer({ authorization: req.headers.authorization, queryToken: request.accessToken }, 'read', this.auth.config, this.auth.scopes, now);
    if (!decision.ok) return refuse(4000 + decision.status, decision.message);

    const clusterId = request.clusterId ?? this.readModel.defaultClusterId();
    if (!this.readModel.hasCluster(clusterId)) {
      const known = this.readModel.clusters().map((c) => c.cluster_id).join(', ');
      return refuse(LIVE_CLOSE.notFound, `unknown cluster_id ${clusterId}; known: ${known}`);
    }
    if (!this.readModel.group(clusterId, request.groupId)) return refuse(LIVE_CLOSE.notFound, `unknown consumer group ${request.groupId} in cluster ${clusterId}`);
    if (this.connections.size >= this.options.maxConnections) return refuse(LIVE_CLOSE.unavailable, `too many live connections (${this.options.maxConnections}); try again later`);

    const connection = new LiveConnection(ws, this.readModel, clusterId, request.groupId, request.intervalSeconds, decision.expiresAt, {
      sent: () => this.frames.inc({ outcome: 'sent' }),
      skipped: () => this.frames.inc({ outcome: 'skipped_slow_client' }),
      closed: (c) => this.connections.delete(c),
    });
    this.connections.add(connection);
    connection.start();
  }
}
