import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { ReadinessCheck } from '../health/readiness-check';
import { logConnectionState } from './log-connection-state';

export const REDIS = Symbol('REDIS');

/** Injects the service's shared ioredis connection. */
export const InjectRedis = () => Inject(REDIS);

/**
 * Readiness on its own connection with the offline queue off: while Redis is down a PING fails
 * at once with the reason instead of waiting in the shared client's queue.
 */
@Injectable()
export class RedisReadinessCheck implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'redis';
  private readonly probe: Redis;

  constructor(@Inject(REDIS) shared: Redis) {
    this.probe = shared.duplicate({ enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 0 });
    this.probe.on('error', () => undefined);
    this.probe.connect().catch(() => undefined);
  }

  async check(): Promise<void> {
    const answer = await this.probe.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
  }

  onApplicationShutdown(): void {
    this.probe.disconnect();
  }
}

@Injectable()
class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared ioredis connection per service, closed last on shutdown (after the work that uses it). */
@Global()
@Module({})
export class RedisModule {
  static forRoot(options: { url: string; connectionName: string; logger: Logger }): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS,
          useFactory: () => {
            const redis = new Redis(options.url, { connectionName: options.connectionName, maxRetriesPerRequest: null });
            logConnectionState(redis, options.logger, options.connectionName);
            return redis;
          },
        },
        RedisReadinessCheck,
        RedisConnectionCloser,
      ],
      exports: [REDIS, RedisReadinessCheck],
    };
  }
}
