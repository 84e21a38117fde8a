import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { closeRedisConnection, duplicateRedisClient, RedisClient } from '@app/platform';
import { Registry } from 'prom-client';
import { lastValueFrom } from 'rxjs';
import { defineCommands, RedisStreamsCommands } from '../commands/script-loader';
import type { RedisStreamsContext } from '../ctx-host/redis-streams.context';
import { RedisStreamsEvents, RedisStreamsStatus } from '../events/redis-streams.events';
import { SUBSCRIPTION_EXTRA } from '../decorators/stream-entries.decorator';
import type { RedisStreamsOptions, ResolvedRedisStreamsOptions } from '../interfaces/redis-streams-options.interface';
import type { HandlerOutcome, StreamBatch } from '../interfaces/stream-batch.interface';
import type { StreamSubscription } from '../interfaces/stream-subscription.interface';
import { GroupGauges, GroupGaugeSource, RedisStreamsMetrics } from '../metrics/redis-streams.metrics';
import { REDIS_STREAMS_TRANSPORT } from '../redis-streams.constants';
import { BoundSubscription, checkSubscriptions, resolveOptions } from './resolve-options';
import { StreamConsumer } from './stream-consumer';

export interface RedisStreamsServerDeps {
  /** A connection to duplicate: one blocking connection per stream plus one for commands; the server closes what it opened. */
  redis: RedisClient;
  registry: Registry;
  /** Stream names a subscription names by token (the module resolves them from the app's providers). */
  resolveStreams?: (token: symbol) => readonly string[];
}

/**
 * A Nest custom transport over Redis Streams consumer groups. Nest's listener pipeline registers
 * every `@StreamEntries` handler (wrapped in its guards, interceptors, pipes and filters) with
 * `addHandler`, the subscription riding in the pattern's extras; `listen` then reads every stream
 * of every subscription with its own StreamConsumer and hands the entries to that handler in
 * batches. Acknowledgement follows the handler's success; see HandlerOutcome for the contract.
 * Run it in the service's app with `connectRedisStreams(app)` (a hybrid app).
 *
 * @publicApi
 */
export class RedisStreamsServer extends Server<RedisStreamsEvents, RedisStreamsStatus> implements CustomTransportStrategy, GroupGaugeSource {
  override readonly transportId = REDIS_STREAMS_TRANSPORT;
  protected override readonly logger = new Logger(RedisStreamsServer.name);
  readonly options: ResolvedRedisStreamsOptions;
  private readonly emitter = new EventEmitter();
  private readonly metrics: RedisStreamsMetrics;
  private commands?: RedisClient & RedisStreamsCommands;
  private readers: RedisClient[] = [];
  private consumers: StreamConsumer[] = [];
  private claimTimer?: NodeJS.Timeout;
  private claiming = false;
  private state: 'idle' | 'listening' | 'closing' | 'closed' = 'idle';
  private closed?: Promise<void>;

  constructor(
    options: RedisStreamsOptions,
    private readonly deps: RedisStreamsServerDeps,
  ) {
    super();
    this.options = resolveOptions(options);
    this.metrics = RedisStreamsMetrics.for(deps.registry);
    // Errors are reported through logs and metrics; an 'error' event without listeners must not throw.
    this.emitter.on('error', () => undefined);
  }

  /** Nest's entry point for a transport (`app.connectMicroservice({ strategy })`). */
  listen(callback: (error?: unknown) => void): void {
    try {
      this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /**
   * Starts reading every stream. Returns at once: group creation and reads retry in the
   * background while Redis is unreachable, so a service can come up (and report not-ready)
   * during a Redis outage. Throws only for a wiring mistake, such as a pattern without a handler.
   */
  start(): void {
    if (this.state !== 'idle') throw new Error(`RedisStreamsServer cannot start: it is ${this.state}`);
    const subscriptions = this.subscriptions();
    checkSubscriptions(subscriptions, this.options.deadLetterStream);
    this._status$.next(RedisStreamsStatus.CONNECTING);
    const commands = defineCommands(this.connection(`${this.options.group}:commands`));
    this.commands = commands;
    for (const subscription of subscriptions) {
      for (const stream of subscription.streams) {
        const reader = this.connection(`${this.options.group}:read:${stream}`);
        this.readers.push(reader);
        const consumer = new StreamConsumer({
          stream,
          pattern: subscription.pattern,
          schema: subscription.schema,
          accept: subscription.accept,
          options: this.options,
          commands,
          reader,
          metrics: this.metrics,
          logger: this.logger,
          invoke: (batch, context) => this.invoke(subscription.pattern, batch, context),
          onError: (error) => this.emitter.emit('error', error),
        });
        this.consumers.push(consumer);
        consumer.start();
      }
    }
    this.claimTimer = setInterval(() => void this.claimIdle(), this.options.claimIntervalMs);
    this.claimTimer.unref();
    this.metrics.addSource(this);
    this.state = 'listening';
    this._status$.next(RedisStreamsStatus.LISTENING);
    this.logger.log({ group: this.options.group, consumer: this.options.consumer, streams: this.consumers.map((c) => c.stream) }, 'consuming Redis streams');
  }

  override addHandler(pattern: unknown, callback: Parameters<Server['addHandler']>[1], isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) throw new Error(`Redis Streams handlers are events (@StreamEntries), not requests (pattern ${String(pattern)})`);
    if (!isSubscription(extras[SUBSCRIPTION_EXTRA])) throw new Error(`pattern "${String(pattern)}" has no subscription: declare the handler with @StreamEntries(subscription)`);
    if (this.getHandlerByPattern(this.normalizePattern(pattern as string))) {
      throw new Error(`pattern "${String(pattern)}" already has a handler: acknowledgement needs a single outcome per batch`);
    }
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /** Every registered handler's subscription, with stream names given by token looked up. */
  private subscriptions(): BoundSubscription[] {
    return [...this.getHandlers().values()].map((handler) => {
      const subscription = handler.extras?.[SUBSCRIPTION_EXTRA] as StreamSubscription;
      const { streams } = subscription;
      if (typeof streams !== 'symbol') return { ...subscription, streams };
      if (!this.deps.resolveStreams) throw new Error(`pattern "${subscription.pattern}" names its streams by token ${String(streams)}, and nothing resolves tokens here`);
      return { ...subscription, streams: this.deps.resolveStreams(streams) };
    });
  }

  /**
   * A connection of its own, to the same node or Sentinel master as the shared one. Its errors
   * during an outage are not logged here: the reads and commands that fail are, once each, and
   * readiness reports the outage; without a listener ioredis would print every retry to stderr.
   */
  private connection(name: string): RedisClient {
    const connection = duplicateRedisClient(this.deps.redis, { connectionName: name });
    connection.on('error', () => undefined);
    return connection;
  }

  /** Calls the handler (Nest's pipeline around the method) and waits for its outcome, a promise or an observable. */
  private async invoke(pattern: string, batch: StreamBatch<unknown>, context: RedisStreamsContext): Promise<HandlerOutcome | void> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`no handler for pattern "${pattern}"`);
    const result = await handler(batch, context);
    return lastValueFrom(this.transformToObservable(result), { defaultValue: undefined }) as Promise<HandlerOutcome | void>;
  }

  private async claimIdle(): Promise<void> {
    if (this.claiming || this.state !== 'listening') return;
    this.claiming = true;
    try {
      for (const consumer of this.consumers) {
        await consumer.claimIdle().catch((error: Error) => {
          this.emitter.emit('error', error);
          this.logger.warn({ stream: consumer.stream, err: error.message }, 'claiming idle entries failed, will try again');
        });
      }
    } finally {
      this.claiming = false;
    }
  }

  /** Runs one reclaim round now instead of waiting for the timer. */
  reclaimNow(): Promise<void> {
    return this.claimIdle();
  }

  async readGroupGauges(): Promise<GroupGauges[]> {
    return Promise.all(this.consumers.map((consumer) => consumer.readGroupGauges()));
  }

  /**
   * Graceful stop: no more reads, wait (up to shutdownTimeoutMs) for the handlers holding entries
   * to finish and be acknowledged, remove the consumer name where nothing is pending, close the
   * connections. Nest calls it from `app.close()`, after `beforeApplicationShutdown`.
   */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    if (this.state === 'idle') {
      this.state = 'closed';
      return;
    }
    this.state = 'closing';
    const deadline = Date.now() + this.options.shutdownTimeoutMs;
    clearInterval(this.claimTimer);
    await Promise.all(this.consumers.map((consumer) => consumer.stopReading()));
    this._status$.next(RedisStreamsStatus.DRAINING);
    const abandoned = (await Promise.all(this.consumers.map((consumer) => consumer.drain(deadline)))).reduce((sum, n) => sum + n, 0);
    if (abandoned > 0) {
      this.logger.warn({ abandoned, shutdownTimeoutMs: this.options.shutdownTimeoutMs }, 'shutdown timeout reached, unfinished entries stay pending for another consumer');
    }
    if (this.options.deleteConsumerOnShutdown) {
      for (const consumer of this.consumers) {
        await consumer.deleteConsumerIfIdle().catch((error: Error) => this.logger.warn({ stream: consumer.stream, err: error.message }, 'could not remove the consumer name'));
      }
    }
    this.metrics.removeSource(this);
    await Promise.all([...this.readers, this.commands].map((connection) => connection && closeRedisConnection(connection)));
    this.state = 'closed';
    this._status$.next(RedisStreamsStatus.CLOSED);
    this.logger.log({ group: this.options.group, consumer: this.options.consumer }, 'Redis streams consumer stopped');
  }

  on<EventKey extends keyof RedisStreamsEvents>(event: EventKey, callback: RedisStreamsEvents[EventKey]): void {
    this.emitter.on(event, callback);
  }

  /** The command connection (acks, claims, XINFO); undefined before start. */
  unwrap<T>(): T {
    if (!this.commands) throw new Error('RedisStreamsServer is not started');
    return this.commands as T;
  }
}

function isSubscription(value: unknown): value is StreamSubscription {
  return typeof value === 'object' && value !== null && 'pattern' in value && 'streams' in value && 'schema' in value;
}
