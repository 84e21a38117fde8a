import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ShutdownState } from '@app/platform';
import { Counter, Histogram, Registry } from 'prom-client';
import { ChatBatcher, FlushReport, Rejection } from './chat-batcher';
import { ChatMessageWriter } from './chat-message.writer';
import type { ChatRow } from './chat-row';

export const BATCHER_OPTIONS = Symbol('BATCHER_OPTIONS');

export interface BatcherSettings {
  batchSize: number;
  flushIntervalMs: number;
  maxConcurrentFlushes: number;
}

/** The batcher as a service: its flush metrics and logs, and an immediate flush once shutdown begins. */
@Injectable()
export class ChatPersistenceService implements OnModuleInit {
  private readonly batcher: ChatBatcher;
  private readonly flushes: Counter<'reason' | 'outcome'>;
  private readonly flushDuration: Histogram<'outcome'>;
  private readonly events: Counter<'outcome'>;

  constructor(
    writer: ChatMessageWriter,
    @Inject(BATCHER_OPTIONS) settings: BatcherSettings,
    registry: Registry,
    private readonly shutdown: ShutdownState,
    @InjectPinoLogger(ChatPersistenceService.name) private readonly logger: PinoLogger,
  ) {
    const registers = [registry];
    this.flushes = new Counter({ name: 'chat_consumer_flushes_total', help: 'Batch flushes by trigger (size, interval, drain) and outcome (committed, failed)', labelNames: ['reason', 'outcome'], registers });
    this.flushDuration = new Histogram({
      name: 'chat_consumer_flush_duration_seconds',
      help: 'Time to write and commit one batch',
      labelNames: ['outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.events = new Counter({ name: 'chat_consumer_events_total', help: 'Done events by outcome: committed, or rejected by Postgres (then dead-lettered)', labelNames: ['outcome'], registers });
    this.batcher = new ChatBatcher(writer, settings, (report) => this.record(report));
  }

  /**
   * At SIGTERM the open batch is written at once, and every batch after it (the transport reads
   * until it closes, then waits for the handlers holding entries): none waits for its interval
   * while the grace period runs.
   */
  onModuleInit(): void {
    this.shutdown.onBegin(() => {
      this.batcher.drain().catch((error: Error) => this.logger.error({ err: error }, 'flushing the open batch at shutdown failed'));
    });
  }

  /** Resolves with the rows Postgres refused once the rest are committed; rejects when their flush failed. */
  persist(rows: readonly ChatRow[]): Promise<Rejection[]> {
    return this.batcher.add(rows);
  }

  get lastFailure(): { error: Error; since: Date } | undefined {
    return this.batcher.lastFailure;
  }

  private record(report: FlushReport): void {
    const outcome = report.error ? 'failed' : 'committed';
    this.flushes.inc({ reason: report.reason, outcome });
    this.flushDuration.observe({ outcome }, report.durationMs / 1000);
    if (report.error) {
      this.logger.warn({ reason: report.reason, rows: report.rows, err: report.error.message }, 'batch flush failed, its events stay pending and will be retried');
      return;
    }
    this.events.inc({ outcome: 'committed' }, report.rows - report.rejected);
    if (report.rejected > 0) this.events.inc({ outcome: 'rejected' }, report.rejected);
    this.logger.debug({ reason: report.reason, rows: report.rows, rejected: report.rejected, durationMs: Math.round(report.durationMs) }, 'batch committed');
  }
}
