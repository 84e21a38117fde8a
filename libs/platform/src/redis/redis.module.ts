import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ReadinessCheck } from '../health/readiness-check';
import { closeRedisConnection } from './close-redis-connection';
import { logConnectionState } from './log-connection-state';
import { createRedisClient, duplicateRedisClient, RedisClient, RedisTopology } from './redis-topology';

export const REDIS = Symbol('REDIS');

/** Injects the service's shared ioredis connection: a `Redis`, or a `Cluster` with REDIS_CLUSTER_NODES (`RedisClient`). */
export const InjectRedis = () => Inject(REDIS);

/**
 * Readiness on its own connection with the offline queue off: while Redis is down a PING fails
 * at once with the reason instead of waiting in the shared client's queue.
 */
@Injectable()
export class RedisReadinessCheck implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'redis';
  private readonly probe: RedisClient;
  private lastError = 'not connected yet';

  constructor(@Inject(REDIS) shared: RedisClient) {
    this.probe = duplicateRedisClient(shared, { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 0 });
    this.probe.on('error', (error: Error) => (this.lastError = error.message));
    this.probe.connect().catch(() => undefined);
  }

  async check(): Promise<void> {
    if (this.probe.status === 'reconnecting' || this.probe.status === 'end') throw new Error(this.lastError);
    if (this.probe.status !== 'ready') await this.firstConnection();
    const answer = await this.probe.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
  }

  /** Right after start the probe may still be connecting; that is not an outage, so wait for the outcome. */
  private firstConnection(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onReady = () => {
        this.probe.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.probe.off('ready', onReady);
        reject(error);
      };
      this.probe.once('ready', onReady);
      this.probe.once('error', onError);
    });
  }

  onApplicationShutdown(): void {
    this.probe.disconnect();
  }
}

@Injectable()
class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedisConnection(this.redis);
  }
}

/** One shared ioredis connection per service, closed last on shutdown (after the work that uses it). */
@Global()
@Module({})
export class RedisModule {
  /** `topology` from `redisTopologyFrom(config)`: one node, a Sentinel-managed master or a Cluster. */
  static forRoot(options: { topology: RedisTopology; connectionName: string; logger: Logger }): DynamicModule {
    const { topology } = options;
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS,
          useFactory: () => {
            const redis = createRedisClient(topology, { connectionName: options.connectionName, maxRetriesPerRequest: null });
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
