import { defineLuaCommands } from '@app/redis-streams';
import type { RedisClient } from '@app/platform';
import type { Clock } from './clock';
import { closedWindowSchema, type ClosedWindow } from './closed-window';
import { consumerKeys, type ConsumerKeys } from './consumer-keys';
import { advanceWindow } from './scripts';

interface WindowCommands {
  /** commands/advanceWindow-5.lua (generated into scripts/ by `npx nx run redis-streams:codegen`) */
  advanceWindow(events: string, window: string, offsets: string, outbox: string, lease: string, ...argv: (string | number)[]): Promise<number[]>;
}

export interface CountResult {
  counted: number;
  /** Offsets at or below the partition's guard: redelivered events, counted zero times. */
  skipped: number;
  /** The open window's count after this batch. */
  count: number;
  closedEpochs: number[];
}

export interface WindowState {
  count: number;
  epoch: number;
  openedAt: number | null;
}

/**
 * One consumer's counting window in Redis. Every mutation is one call of the window script, so it is
 * atomic; reads are plain commands on the same keys.
 */
export class WindowStore {
  private readonly redis: RedisClient & WindowCommands;

  constructor(
    redis: RedisClient,
    private readonly clock: Clock,
  ) {
    this.redis = defineLuaCommands<WindowCommands>(redis, [advanceWindow]);
  }

  keys(consumerId: string): ConsumerKeys {
    return consumerKeys(consumerId);
  }

  /** Counts one fetched batch of one partition (offsets ascending, as Kafka delivers them). */
  async countBatch(consumerId: string, maxEvent: number, topic: string, partition: number, offsets: readonly string[]): Promise<CountResult> {
    if (offsets.length === 0) return { counted: 0, skipped: 0, count: (await this.state(consumerId)).count, closedEpochs: [] };
    const reply = await this.call(consumerId, 'count', maxEvent, partition, topic, ...offsets);
    return { counted: reply[0], skipped: reply[1], count: reply[2], closedEpochs: reply.slice(3) };
  }

  /**
   * The timer's step: takes or renews the lease for `owner`, and closes the window if its first event is
   * `maxTimeMs` old. Returns whether `owner` holds the lease and the epoch it closed (0 when none).
   */
  async tick(consumerId: string, maxTimeMs: number, owner: string, leaseTtlMs: number): Promise<{ owned: boolean; closedEpoch: number }> {
    const reply = await this.call(consumerId, 'tick', maxTimeMs, owner, leaseTtlMs);
    return { owned: reply[0] === 1, closedEpoch: reply[1] };
  }

  async releaseLease(consumerId: string, owner: string): Promise<boolean> {
    const reply = await this.call(consumerId, 'release', '', owner);
    return reply[0] === 1;
  }

  async state(consumerId: string): Promise<WindowState> {
    const keys = consumerKeys(consumerId);
    const [count, [epoch, openedAt]] = await Promise.all([this.redis.get(keys.events), this.redis.hmget(keys.window, 'epoch', 'opened_at')]);
    return { count: Number(count ?? 0), epoch: Number(epoch ?? 1), openedAt: openedAt === null ? null : Number(openedAt) };
  }

  async outbox(consumerId: string): Promise<ClosedWindow[]> {
    const entries = await this.redis.hvals(consumerKeys(consumerId).outbox);
    return entries.map((json) => closedWindowSchema.parse(JSON.parse(json))).sort((a, b) => a.epoch - b.epoch);
  }

  async outboxEntry(consumerId: string, epoch: number): Promise<ClosedWindow | undefined> {
    const json = await this.redis.hget(consumerKeys(consumerId).outbox, String(epoch));
    return json === null ? undefined : closedWindowSchema.parse(JSON.parse(json));
  }

  /** Removes a record once BullMQ has the job; returns false if another replica removed it first. */
  async acknowledge(consumerId: string, epoch: number): Promise<boolean> {
    return (await this.redis.hdel(consumerKeys(consumerId).outbox, String(epoch))) === 1;
  }

  lastTrigger(consumerId: string): Promise<string | null> {
    return this.redis.get(consumerKeys(consumerId).lastTrigger);
  }

  /** Forgets the consumer's state (count, window, guard, outbox, lease) when it is deleted. */
  async forget(consumerId: string): Promise<void> {
    const keys = consumerKeys(consumerId);
    await this.redis.del(keys.events, keys.window, keys.offsets, keys.outbox, keys.lease, keys.lastTrigger);
  }

  private call(consumerId: string, op: 'count' | 'tick' | 'release', ...rest: (string | number)[]): Promise<number[]> {
    const keys = consumerKeys(consumerId);
    const incarnation = this.clock.now().toString(36);
    return this.redis.advanceWindow(keys.events, keys.window, keys.offsets, keys.outbox, keys.lease, op, this.clock.now(), incarnation, ...rest);
  }
}
