import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { SseRequestHandler } from '../sse/sse-request-handler';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the SSE paths in front of Express. An open stream is held for minutes to hours by ten
 * thousand clients at once, so what each one retains matters more than anywhere else: through
 * Express, Nest's router and the request logger, each idle stream kept about 20 KiB of JS heap
 * (40 KiB RSS) in bench/event-router; answered on the raw Node response it is close to what a
 * bare Node socket costs. Every other path (health, metrics, the demo page) still goes to Nest.
 */
@Injectable()
export class SseRouteMount implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sse: SseRequestHandler,
    @InjectPinoLogger(SseRouteMount.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!this.sse.handles(req)) {
        for (const listener of framework) listener(req, res);
        return;
      }
      this.sse.handle(req, res).catch((error: unknown) => {
        this.logger.error({ err: error, url: req.url }, 'SSE request failed');
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'unexpected error' }));
        else res.destroy();
      });
    });
  }
}
