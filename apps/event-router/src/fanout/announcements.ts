import type { Cluster } from 'ioredis';
import type Redis from 'ioredis';
import { closeRedisConnection, duplicateRedisClient, isCluster, RedisClient } from '@app/platform';

/**
 * The Pub/Sub the fan-out listens on: each routed stream's key is also the channel announcing
 * its entries (see routing/commands/routeRun-1.lua and routeTopic-1.lua). `down` means
 * announcements may be lost from now on, `up` that they flow again, so the hub reads the gap
 * back from the streams in between.
 */
export interface Announcements {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): void;
  on(event: 'down' | 'up', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/**
 * Plain Pub/Sub on one node or a Sentinel master, on a connection of its own (a subscribed
 * connection takes no other commands). No ready check: its INFO is refused once a SUBSCRIBE went
 * out first, which fails the connection.
 */
class NodeAnnouncements implements Announcements {
  constructor(private readonly subscriber: Redis) {}

  subscribe(channel: string): Promise<unknown> {
    return this.subscriber.subscribe(channel);
  }

  unsubscribe(channel: string): Promise<unknown> {
    return this.subscriber.unsubscribe(channel);
  }

  on(event: 'message' | 'down' | 'up' | 'error', listener: (...args: never[]) => void): void {
    if (event === 'up') {
      // ioredis emits `ready` before it sends the SUBSCRIBE of the channels it had (autoResubscribe, same
      // handler, right after). A gap read on `ready` could run before the channels are subscribed again and
      // miss what is announced in between, for good. A PING queued on the next tick goes out after that
      // SUBSCRIBE on the same connection, so its reply means the channels are live again.
      this.subscriber.on('ready', () => {
        setImmediate(() => {
          this.subscriber.ping().then(
            () => (listener as () => void)(),
            () => undefined, // the connection dropped again: its next `ready` comes round here
          );
        });
      });
      return;
    }
    const redisEvent = { message: 'message', down: 'close', error: 'error' }[event];
    this.subscriber.on(redisEvent, listener as (...args: unknown[]) => void);
  }

  close(): Promise<void> {
    return closeRedisConnection(this.subscriber);
  }
}

/**
 * Sharded Pub/Sub on a cluster (SSUBSCRIBE, Redis 7): a channel lives in its name's slot, and
 * SPUBLISH reaches only the subscribers on that slot's node, instead of every node as PUBLISH
 * would on a cluster. ioredis keeps one subscriber connection per master (`shardedSubscribers`
 * in createRedisClient), replaces one whose connection ended and subscribes again, also on a new
 * owner when slots move; from a lost subscriber (`-subscriber`) until all are back
 * (`subscribersReady`), announcements for its slots may be lost.
 */
class ShardedAnnouncements implements Announcements {
  constructor(private readonly cluster: Cluster) {}

  subscribe(channel: string): Promise<unknown> {
    return this.cluster.ssubscribe(channel);
  }

  unsubscribe(channel: string): Promise<unknown> {
    return this.cluster.sunsubscribe(channel);
  }

  on(event: 'message' | 'down' | 'up' | 'error', listener: (...args: never[]) => void): void {
    // `+subscriber` comes when a subscriber is created, before it has subscribed again; only
    // `subscribersReady` (after every channel was sent again) means announcements flow.
    const clusterEvents = { message: ['smessage'], down: ['-subscriber'], up: ['subscribersReady'], error: ['error'] }[event];
    for (const clusterEvent of clusterEvents) this.cluster.on(clusterEvent, listener as (...args: unknown[]) => void);
  }

  close(): Promise<void> {
    return closeRedisConnection(this.cluster);
  }
}

/** The announcements of `redis`'s deployment, on connections of their own. */
export function announcementsFor(redis: RedisClient, connectionName: string): Announcements {
  const subscriber = duplicateRedisClient(redis, { connectionName, enableReadyCheck: false });
  return isCluster(subscriber) ? new ShardedAnnouncements(subscriber) : new NodeAnnouncements(subscriber);
}
