import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { REDIS, RedisClient } from '@app/platform';
import { Registry } from 'prom-client';
import type { RedisStreamsOptions } from '../interfaces/redis-streams-options.interface';
import { REDIS_STREAMS_TRANSPORT, RedisStreamsServer } from '../server/redis-streams.server';
import { findEventHandlers } from './find-event-handlers';

/** Wires the app's `@EventPattern` handlers into the server at bootstrap and stops it before shutdown closes connections. */
@Injectable()
class RedisStreamsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(RedisStreamsServer) private readonly server: RedisStreamsServer,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    const patterns = new Set(this.server.options.subscriptions.map((subscription) => subscription.pattern));
    for (const { pattern, handler } of findEventHandlers(this.discovery, this.scanner, REDIS_STREAMS_TRANSPORT)) {
      if (patterns.has(pattern)) this.server.addHandler(pattern, async (data: unknown, context: unknown) => handler(data, context), true);
    }
    this.server.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}

/**
 * Runs a RedisStreamsServer inside an ordinary (HTTP) Nest app: needs the global RedisModule and
 * PlatformModule (for the connection and the metrics registry). Global: any module can inject
 * `RedisStreamsServer` to listen for `draining` or read its options.
 */
@Module({})
export class RedisStreamsModule {
  static forRoot(options: RedisStreamsOptions): DynamicModule {
    return {
      module: RedisStreamsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: RedisStreamsServer,
          useFactory: (redis: RedisClient, registry: Registry) => new RedisStreamsServer(options, { redis, registry }),
          inject: [REDIS, Registry],
        },
        RedisStreamsLifecycle,
      ],
      exports: [RedisStreamsServer],
    };
  }
}
