import { context, SpanKind, type Context } from '@opentelemetry/api';
import { withBatchSpan } from '@app/telemetry';
import type { ChatRow } from './chat-row';
import type { ChatRowWriter } from './chat-message.writer';
import { isRowError, postgresMessage } from './postgres-error';

export interface Rejection {
  id: string;
  reason: string;
}

export type FlushReason = 'size' | 'interval' | 'drain';

export interface FlushReport {
  reason: FlushReason;
  rows: number;
  durationMs: number;
  rejected: number;
  error?: Error;
}

export interface ChatBatcherOptions {
  batchSize: number;
  flushIntervalMs: number;
  maxConcurrentFlushes: number;
}

/** One handler call: settled once all its rows are committed (with the ones Postgres refused), or when any flush holding them fails. */
interface Call {
  remaining: number;
  rejected: Rejection[];
  settled: boolean;
  /** The handler's context (its `process` span): what this call's rows' batch write is traced under. */
  trace: Context;
  resolve(rejected: Rejection[]): void;
  reject(error: Error): void;
}

interface Item {
  row: ChatRow;
  call: Call;
  addedAt: number;
}

const callContext = (item: Item) => item.call.trace;

/**
 * A flush mixes rows of several handler calls, so it cannot be the child of all of them: database
 * client semantic conventions (`{db.operation.name} {db.collection.name}`, CLIENT), parented by the
 * first call's `process` span and linked to the other calls' (each of which links its own entries).
 */
function writeSpan(items: Item[]) {
  return {
    kind: SpanKind.CLIENT,
    items,
    contextOf: callContext,
    attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'INSERT', 'db.collection.name': 'chat.messages', 'db.operation.batch.size': items.length },
  };
}

/**
 * Collects done events from every shard into batches of `batchSize`, or fewer once the oldest
 * buffered event has waited `flushIntervalMs` (one clock for both triggers, measured from the
 * first buffered event), and writes each batch in one transaction. A caller's promise resolves
 * only after its rows are committed, which is when the runner acknowledges them. A failed flush
 * rejects its callers (the runner retries them; nothing is acknowledged). Rows Postgres refuses
 * as data errors are found by writing that batch row by row and come back as rejections.
 */
export class ChatBatcher {
  private buffer: Item[] = [];
  private timer?: NodeJS.Timeout;
  private due = false;
  private flushing = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  private failure?: { error: Error; since: Date };

  constructor(
    private readonly writer: ChatRowWriter,
    private readonly options: ChatBatcherOptions,
    private readonly onFlush: (report: FlushReport) => void = () => undefined,
  ) {}

  /** Resolves with the rows Postgres refused once the others are committed; rejects if their flush failed. */
  add(rows: readonly ChatRow[], trace: Context = context.active()): Promise<Rejection[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise<Rejection[]>((resolve, reject) => {
      const call: Call = { remaining: rows.length, rejected: [], settled: false, trace, resolve, reject };
      const wasEmpty = this.buffer.length === 0;
      const addedAt = Date.now();
      for (const row of rows) this.buffer.push({ row, call, addedAt });
      if (wasEmpty) this.schedule();
      this.pump();
    });
  }

  /** Flushes everything buffered now, and every later add at once; resolves when nothing is buffered or being written. */
  async drain(): Promise<void> {
    this.draining = true;
    this.pump();
    while (this.buffer.length > 0 || this.flushing > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** The error of the last flush when it failed (cleared by the next successful one). */
  get lastFailure(): { error: Error; since: Date } | undefined {
    return this.failure;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** (Re)starts the interval clock for the oldest buffered event. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    if (this.buffer.length === 0) return;
    const delay = this.buffer[0].addedAt + this.options.flushIntervalMs - Date.now();
    if (delay <= 0) {
      this.due = true;
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      this.pump();
    }, delay);
  }

  private pump(): void {
    while (this.flushing < this.options.maxConcurrentFlushes && this.buffer.length > 0) {
      const reason: FlushReason | undefined =
        this.buffer.length >= this.options.batchSize ? 'size' : this.due ? 'interval' : this.draining ? 'drain' : undefined;
      if (!reason) break;
      const items = this.buffer.splice(0, this.options.batchSize);
      this.schedule();
      void this.flush(items, reason);
    }
    if (this.buffer.length === 0 && this.flushing === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
  }

  private async flush(items: Item[], reason: FlushReason): Promise<void> {
    this.flushing++;
    const started = performance.now();
    try {
      const rejected = await withBatchSpan('INSERT chat.messages', writeSpan(items), () => this.writeIsolatingBadRows(items.map((item) => item.row)));
      this.failure = undefined;
      for (const { row, call } of items) {
        const reasonForRow = rejected.get(row.entryId);
        if (reasonForRow !== undefined) call.rejected.push({ id: row.entryId, reason: reasonForRow });
        call.remaining--;
        if (call.remaining === 0 && !call.settled) {
          call.settled = true;
          call.resolve(call.rejected);
        }
      }
      this.onFlush({ reason, rows: items.length, durationMs: performance.now() - started, rejected: rejected.size });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      this.failure = { error: err, since: this.failure?.since ?? new Date() };
      for (const { call } of items) {
        if (call.settled) continue;
        call.settled = true;
        call.reject(err);
      }
      // The callers will hand their rows in again; their rows still waiting here would only be written twice.
      const before = this.buffer.length;
      this.buffer = this.buffer.filter((item) => !item.call.settled);
      if (this.buffer.length !== before) this.schedule();
      this.onFlush({ reason, rows: items.length, durationMs: performance.now() - started, rejected: 0, error: err });
    } finally {
      this.flushing--;
      this.pump();
    }
  }

  private async writeIsolatingBadRows(rows: ChatRow[]): Promise<Map<string, string>> {
    try {
      await this.writer.write(rows);
      return new Map();
    } catch (error) {
      if (!isRowError(error)) throw error;
      const rejected = new Map<string, string>();
      for (const row of rows) {
        try {
          await this.writer.write([row]);
        } catch (rowError) {
          if (!isRowError(rowError)) throw rowError;
          rejected.set(row.entryId, `postgres: ${postgresMessage(rowError)}`);
        }
      }
      return rejected;
    }
  }
}
