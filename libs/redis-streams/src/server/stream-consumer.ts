import { setMaxListeners } from 'node:events';
import type { LoggerService } from '@nestjs/common';
import type { DeadLetter } from '@app/domain';
import { withBatchSpan } from '@app/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { isCluster, RedisClient } from '@app/platform';
import type { ZodType } from 'zod';
import { DEAD_LETTER_MARKER_TTL_SECONDS, deadLetterKeys } from '../commands/dead-letter-keys';
import type { RedisStreamsCommands } from '../commands/script-loader';
import { RedisStreamsContext } from '../ctx-host/redis-streams.context';
import { backoffDelay, sleep } from '../helpers/backoff';
import type { ResolvedRedisStreamsOptions } from '../interfaces/redis-streams-options.interface';
import type { HandlerOutcome, StreamBatch, StreamEntry } from '../interfaces/stream-batch.interface';
import type { GroupGauges, RedisStreamsMetrics } from '../metrics/redis-streams.metrics';
import { parseAutoClaimReply, parseGroupsInfo, parsePendingDeliveryCounts, parseReadGroupReply, RawEntry } from '../replies/stream-replies';
import { DeadLetterCandidate, triageEntries } from './triage-entries';

export interface StreamConsumerDeps {
  stream: string;
  pattern: string;
  schema: ZodType<unknown>;
  accept?: (event: unknown) => boolean;
  options: ResolvedRedisStreamsOptions;
  /** Shared by every stream of the server: acks, claims, XPENDING, dead letters, XINFO. */
  commands: RedisClient & RedisStreamsCommands;
  /** This stream's own connection, for the blocking read only. */
  reader: RedisClient;
  metrics: RedisStreamsMetrics;
  logger: LoggerService;
  invoke(batch: StreamBatch<unknown>, context: RedisStreamsContext): Promise<HandlerOutcome | void>;
  onError(error: Error): void;
}

const MAX_REASON_LENGTH = 2_000;

const entryContext = (entry: StreamEntry<unknown>) => entry.traceContext;

/**
 * The consumer-group machinery for one stream: its read loop (own pending entries first, then new
 * ones), hand-off to the handler with retry, acknowledgement, dead-lettering and reclaiming idle
 * entries. Entries are "held" from the moment they are handed out until they are acknowledged,
 * dead-lettered or given up at shutdown; the number held bounds reading.
 */
export class StreamConsumer {
  /** Entry id → when it was last delivered to us (or kept fresh with XCLAIM JUSTID). */
  private readonly held = new Map<string, number>();
  private readonly handling = new Set<Promise<void>>();
  private readonly abandon = new AbortController();
  private readonly stopRead = new AbortController();
  private readonly labels: { stream: string; group: string };
  private capacityWaiter?: () => void;
  private stopping = false;
  private readerClientId?: number;
  private loop?: Promise<void>;

  constructor(private readonly deps: StreamConsumerDeps) {
    this.labels = { stream: deps.stream, group: deps.options.group };
    // Every batch in flight and every backoff sleep listens on these (and stops listening when done): many at once is normal.
    setMaxListeners(0, this.abandon.signal, this.stopRead.signal);
    // On a cluster CLIENT ID would answer for whichever node ioredis picks, not the one the read blocks on.
    const reader = deps.reader;
    if (!isCluster(reader)) {
      reader.on('ready', () => {
        reader.client('ID').then(
          (id) => (this.readerClientId = Number(id)),
          () => (this.readerClientId = undefined),
        );
      });
    }
  }

  get stream(): string {
    return this.deps.stream;
  }

  start(): void {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const { reader, stream, options } = this.deps;
    const { group, consumer, readCount, blockMs, maxInFlightPerStream } = options;
    let groupReady = false;
    // After a restart our own pending list holds what the previous process read and never acknowledged.
    let pendingCursor: string | undefined = '0';
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!groupReady) {
          await this.ensureGroup();
          groupReady = true;
        }
        await this.waitForCapacity();
        if (this.stopping) break;
        const count = Math.min(readCount, maxInFlightPerStream - this.held.size);
        if (pendingCursor !== undefined) {
          const raw = parseReadGroupReply(await reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, pendingCursor));
          if (raw.length === 0) {
            pendingCursor = undefined;
            continue;
          }
          pendingCursor = raw[raw.length - 1].id;
          await this.dispatchOwned(raw);
        } else {
          const reply = await reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, '>');
          const raw = parseReadGroupReply(reply);
          if (raw.length > 0) await this.dispatch(raw, new Map());
        }
        failures = 0;
      } catch (error) {
        if (this.stopping) break;
        const err = error as Error;
        // The stream or the group was deleted under us: create them again and carry on.
        if (/NOGROUP/.test(err.message)) groupReady = false;
        this.deps.onError(err);
        this.deps.logger.warn({ stream, group, err: err.message }, 'stream read failed, retrying');
        await sleep(backoffDelay(failures++, options.retryInitialMs, options.retryMaxMs), this.stopRead.signal);
      }
    }
  }

  private async ensureGroup(): Promise<void> {
    const { commands, stream, options } = this.deps;
    try {
      await commands.xgroup('CREATE', stream, options.group, options.startId, 'MKSTREAM');
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error;
    }
  }

  private waitForCapacity(): Promise<void> {
    if (this.held.size < this.deps.options.maxInFlightPerStream || this.stopping) return Promise.resolve();
    return new Promise((resolve) => (this.capacityWaiter = resolve));
  }

  private release(ids: Iterable<string>): void {
    for (const id of ids) this.held.delete(id);
    if (this.held.size < this.deps.options.maxInFlightPerStream && this.capacityWaiter) {
      const wake = this.capacityWaiter;
      this.capacityWaiter = undefined;
      wake();
    }
  }

  /** Delivery counts of entries we own, from the extended XPENDING form. */
  private async deliveryCounts(raw: readonly RawEntry[]): Promise<Map<string, number>> {
    const { commands, stream, options } = this.deps;
    const reply = await commands.xpending(stream, options.group, raw[0].id, raw[raw.length - 1].id, raw.length + this.held.size, options.consumer);
    return parsePendingDeliveryCounts(reply);
  }

  /**
   * Entries read from a pending list (our own, or claimed), with their delivery counts. One that is
   * no longer pending for us by the time XPENDING answers was settled in between (a reclaim round
   * dead-lettered it while the read loop re-read it): it is not ours to hand out again.
   */
  private async dispatchOwned(raw: readonly RawEntry[]): Promise<void> {
    const counts = await this.deliveryCounts(raw);
    await this.dispatch(
      raw.filter((entry) => counts.has(entry.id)),
      counts,
    );
  }

  private async dispatch(raw: readonly RawEntry[], deliveryCounts: ReadonlyMap<string, number>): Promise<void> {
    const { stream, options, schema, metrics } = this.deps;
    const fresh = raw.filter((entry) => !this.held.has(entry.id));
    if (fresh.length === 0) return;
    const now = Date.now();
    for (const entry of fresh) this.held.set(entry.id, now);
    metrics.read.inc(this.labels, fresh.length);
    const triaged = triageEntries(stream, fresh, deliveryCounts, options.maxDeliveries, schema, this.deps.accept);
    try {
      if (triaged.vanished.length > 0) {
        this.deps.logger.warn({ stream, ids: triaged.vanished }, 'pending entries no longer exist in the stream, acknowledging them');
      }
      const ackNow = [...triaged.skipped, ...triaged.vanished];
      if (ackNow.length > 0) {
        await this.deps.commands.xack(stream, options.group, ...ackNow);
        metrics.acked.inc(this.labels, ackNow.length);
      }
      for (const candidate of triaged.deadLetter) await this.deadLetter(candidate);
    } finally {
      this.release([...triaged.skipped, ...triaged.vanished, ...triaged.deadLetter.map((candidate) => candidate.id)]);
    }
    if (triaged.deliver.length > 0) {
      const handled: Promise<void> = this.handle(triaged.deliver).finally(() => this.handling.delete(handled));
      this.handling.add(handled);
    }
  }

  /** Hands a batch to the handler until it succeeds, then settles it; a failure leaves everything pending. */
  private async handle(entries: StreamEntry<unknown>[]): Promise<void> {
    const { stream, options, pattern, metrics } = this.deps;
    const context = new RedisStreamsContext([stream, options.group, options.consumer, pattern]);
    const batch: StreamBatch<unknown> = { stream, entries };
    // Messaging semantic conventions, batch processing: `process <destination>`, CONSUMER, parented by the
    // first entry's producer context and linked to the others' (built only when the span records).
    const span = {
      kind: SpanKind.CONSUMER,
      items: entries,
      contextOf: entryContext,
      attributes: {
        'messaging.system': 'redis',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': stream,
        'messaging.consumer.group.name': options.group,
        'messaging.batch.message_count': entries.length,
      },
    };
    const started = performance.now();
    let outcome: HandlerOutcome | void;
    for (let attempt = 0; ; attempt++) {
      try {
        outcome = await this.unlessAbandoned(withBatchSpan(`process ${stream}`, span, () => this.deps.invoke(batch, context)));
        break;
      } catch (error) {
        if (this.abandon.signal.aborted) {
          this.release(entries.map((entry) => entry.id));
          return;
        }
        const err = error as Error;
        metrics.retried.inc(this.labels, entries.length);
        this.deps.onError(err);
        const delayMs = backoffDelay(attempt, options.retryInitialMs, options.retryMaxMs);
        this.deps.logger.warn({ stream, group: options.group, entries: entries.length, attempt: attempt + 1, retryInMs: delayMs, err: err.message }, 'handler failed, entries stay pending and will be retried');
        await sleep(delayMs, this.abandon.signal);
      }
    }
    metrics.handlerDuration.observe(this.labels, (performance.now() - started) / 1000);
    await this.settle(entries, outcome ?? {});
  }

  /** Acknowledges what the handler accepted and dead-letters what it rejected; Redis errors are retried, never re-handled. */
  private async settle(entries: StreamEntry<unknown>[], outcome: HandlerOutcome): Promise<void> {
    const { stream, options, metrics, commands } = this.deps;
    const rejected = new Map((outcome.rejected ?? []).map((rejection) => [rejection.id, rejection.reason]));
    const toAck = entries.filter((entry) => !rejected.has(entry.id)).map((entry) => entry.id);
    const toDeadLetter: DeadLetterCandidate[] = entries
      .filter((entry) => rejected.has(entry.id))
      .map((entry) => ({ id: entry.id, fields: entry.fields, deliveryCount: entry.deliveryCount, kind: 'rejected', reason: rejected.get(entry.id) ?? 'rejected' }));
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          while (toDeadLetter.length > 0) {
            await this.deadLetter(toDeadLetter[0]);
            toDeadLetter.shift();
          }
          if (toAck.length > 0) {
            await commands.xack(stream, options.group, ...toAck);
            metrics.acked.inc(this.labels, toAck.length);
          }
          return;
        } catch (error) {
          if (this.abandon.signal.aborted) return;
          this.deps.onError(error as Error);
          this.deps.logger.warn({ stream, err: (error as Error).message }, 'acknowledging failed, retrying');
          await sleep(backoffDelay(attempt, options.retryInitialMs, options.retryMaxMs), this.abandon.signal);
        }
      }
    } finally {
      this.release(entries.map((entry) => entry.id));
    }
  }

  private async deadLetter(candidate: DeadLetterCandidate): Promise<void> {
    const { stream, options, commands, metrics } = this.deps;
    const record: DeadLetter = {
      original_id: candidate.id,
      stream,
      group: options.group,
      consumer: options.consumer,
      reason: candidate.reason.slice(0, MAX_REASON_LENGTH) || candidate.kind,
      delivery_count: candidate.deliveryCount,
      dead_lettered_at: new Date().toISOString(),
      fields: candidate.fields,
    };
    // Someone else acknowledged or dead-lettered it since we read it: nothing to do (a narrower
    // window than before, not a guarantee; deadLetterKeys says why a late record is harmless).
    const pending = (await commands.xpending(stream, options.group, candidate.id, candidate.id, 1)) as unknown[];
    if (pending.length === 0) return;
    const deadLetterId = await commands.deadLetterAppend(...deadLetterKeys(options.deadLetterStream, stream, options.group, candidate.id), JSON.stringify(record), DEAD_LETTER_MARKER_TTL_SECONDS);
    await commands.xack(stream, options.group, candidate.id);
    metrics.countDeadLetter(stream, options.group, candidate.kind);
    this.deps.logger.warn({ stream, id: candidate.id, deadLetterStream: options.deadLetterStream, deadLetterId, reason: record.reason }, 'entry dead-lettered');
  }

  private unlessAbandoned<T>(work: Promise<T>): Promise<T> {
    if (this.abandon.signal.aborted) return Promise.reject(new Error('abandoned at shutdown'));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Error('abandoned at shutdown'));
      this.abandon.signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => this.abandon.signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * Claims entries other consumers read and left idle (they crashed, or were removed) and hands
   * them to our handler. Entries we hold are first kept fresh (XCLAIM JUSTID resets their idle
   * time without counting a delivery), so neither we nor another replica reclaim what is still in
   * a batch or a retry.
   */
  async claimIdle(): Promise<void> {
    if (this.stopping) return;
    await this.keepHeldFresh();
    const { commands, stream, options, metrics } = this.deps;
    let cursor = '0-0';
    do {
      const room = options.maxInFlightPerStream - this.held.size;
      if (room <= 0) return;
      const claimed = parseAutoClaimReply(
        await commands.xautoclaim(stream, options.group, options.consumer, options.claimMinIdleMs, cursor, 'COUNT', Math.min(options.readCount, room)),
      );
      if (claimed.deletedIds.length > 0) {
        this.deps.logger.warn({ stream, ids: claimed.deletedIds }, 'idle pending entries were deleted from the stream before anyone processed them');
      }
      const fresh = claimed.entries.filter((entry) => !this.held.has(entry.id));
      if (fresh.length > 0) {
        metrics.claimed.inc(this.labels, fresh.length);
        this.deps.logger.log({ stream, claimed: fresh.length, minIdleMs: options.claimMinIdleMs }, 'claimed idle entries of other consumers');
        await this.dispatchOwned(fresh);
      }
      cursor = claimed.cursor;
    } while (cursor !== '0-0' && !this.stopping);
  }

  private async keepHeldFresh(): Promise<void> {
    const { commands, stream, options } = this.deps;
    const now = Date.now();
    const stale = [...this.held].filter(([, since]) => now - since > options.claimMinIdleMs / 2).map(([id]) => id);
    if (stale.length === 0) return;
    await commands.xclaim(stream, options.group, options.consumer, 0, ...stale, 'JUSTID');
    for (const id of stale) if (this.held.has(id)) this.held.set(id, now);
  }

  async readGroupGauges(): Promise<GroupGauges> {
    const { commands, stream, options } = this.deps;
    const group = parseGroupsInfo(await commands.xinfo('GROUPS', stream)).find((info) => info.name === options.group);
    return { stream, group: options.group, pending: group?.pending ?? 0, lag: group?.lag ?? null };
  }

  /** Ends the read loop: no new entries are taken after this resolves. */
  async stopReading(): Promise<void> {
    this.stopping = true;
    this.stopRead.abort();
    this.capacityWaiter?.();
    // A blocked XREADGROUP returns at once (as on timeout, with nothing delivered) instead of after blockMs.
    // On a cluster the reader's connection to the stream's node is not addressable by CLIENT UNBLOCK
    // from here; closing the reader ends the read the same way (the loop sees `stopping` and leaves),
    // and nothing was delivered by a read that never returned.
    if (isCluster(this.deps.reader)) this.deps.reader.disconnect();
    else if (this.readerClientId !== undefined) await this.deps.commands.client('UNBLOCK', this.readerClientId).catch(() => undefined);
    await this.loop;
  }

  /** Waits for the handlers still holding entries; past the deadline they are abandoned and stay pending for another consumer. */
  async drain(deadline: number): Promise<number> {
    const all = Promise.all([...this.handling]);
    const remaining = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, remaining))))]);
    clearTimeout(timer);
    if (timedOut) {
      this.abandon.abort();
      await all;
    }
    return this.held.size;
  }

  /** XGROUP DELCONSUMER, but only with an empty pending list: deleting a consumer drops its pending entries for good. */
  async deleteConsumerIfIdle(): Promise<boolean> {
    const { commands, stream, options } = this.deps;
    const pending = (await commands.xpending(stream, options.group, '-', '+', 1, options.consumer)) as unknown[];
    if (pending.length > 0) return false;
    await commands.xgroup('DELCONSUMER', stream, options.group, options.consumer);
    return true;
  }
}
