import { DynamicModule, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { REDIS, RedisClient } from '@app/platform';
import { Registry } from 'prom-client';
import type { RedisStreamsOptions } from '../interfaces/redis-streams-options.interface';
import { RedisStreamsServer } from '../server/redis-streams.server';

/**
 * Provides the app's RedisStreamsServer (one consumer group per app), built on the global
 * RedisModule's connection and PlatformModule's metrics registry; stream names a subscription
 * gives by token are looked up among the app's providers. Global, so any module can inject the
 * server (its options, `reclaimNow`, metrics sources). The app runs it with `connectRedisStreams`.
 */
@Module({})
export class RedisStreamsModule {
  static forRoot(options: RedisStreamsOptions): DynamicModule {
    return {
      module: RedisStreamsModule,
      global: true,
      providers: [
        {
          provide: RedisStreamsServer,
          useFactory: (redis: RedisClient, registry: Registry, moduleRef: ModuleRef) =>
            new RedisStreamsServer(options, { redis, registry, resolveStreams: (token) => moduleRef.get<readonly string[]>(token, { strict: false }) }),
          inject: [REDIS, Registry, ModuleRef],
        },
      ],
      exports: [RedisStreamsServer],
    };
  }
}
