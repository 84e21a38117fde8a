import type { Topic } from '../routing/routed-keys';
import { HEARTBEAT_FRAME, SseFrame } from './sse-frame';

/** The part of an HTTP response a connection writes to (a Node ServerResponse in production). */
export interface SseSink {
  write(chunk: string | Buffer): boolean;
  readonly writableLength: number;
  readonly headersSent: boolean;
  end(): void;
  destroy(): void;
}

export type CloseReason = 'done' | 'slow' | 'client' | 'shutdown' | 'expired';

/** One object shared by every connection of a process (a closure pair per connection would cost memory at 10,000 clients). */
export interface ConnectionHooks {
  /** `live` is false for history written during replay, whose age says nothing about delivery speed. */
  delivered(connection: SseConnection, frame: SseFrame, at: number, live: boolean): void;
  closed(connection: SseConnection, reason: CloseReason): void;
}

/**
 * One browser's subscription. It starts in replay mode, where live frames wait in a queue while
 * the history is written, and then goes live; in both it drops every frame at or before the last
 * id it wrote, so the overlap between history and live is delivered once. Memory is bounded: when
 * bytes queued here or in the socket exceed the limit, the client is cut off rather than buffered.
 * Fields are few and flat on purpose: ten thousand of these live in one process.
 */
export class SseConnection {
  private lastMs = -1;
  private lastSeq = -1;
  private queue: SseFrame[] | null = [];
  private queuedBytes = 0;
  lastWriteAt: number;
  closed = false;

  constructor(
    readonly topic: Topic,
    readonly key: string,
    readonly clientAddress: string,
    private readonly sink: SseSink,
    private readonly maxBufferedBytes: number,
    private readonly hooks: ConnectionHooks,
    /** When the subscription's token expires (ms since epoch); the stream is closed then, so the client must come back with a fresh one. */
    readonly expiresAt = Number.POSITIVE_INFINITY,
  ) {
    this.lastWriteAt = Date.now();
  }

  get live(): boolean {
    return this.queue === null;
  }

  get bufferedBytes(): number {
    return this.sink.writableLength;
  }

  /** Writes raw text (headers' first line, a reset notice); false once the connection is closed. */
  writeText(text: string): boolean {
    if (this.closed) return false;
    this.sink.write(text);
    this.lastWriteAt = Date.now();
    return this.checkBuffer();
  }

  /** A live frame from the topic: queued during replay, written otherwise. */
  offer(frame: SseFrame): void {
    if (this.closed) return;
    if (this.queue !== null) {
      this.queue.push(frame);
      this.queuedBytes += frame.bytes.length;
      if (this.queuedBytes + this.sink.writableLength > this.maxBufferedBytes) this.close('slow');
      return;
    }
    this.deliver(frame);
  }

  /** A frame from history; false when the subscription is over (closed, or the job's end was reached). */
  replay(frame: SseFrame): boolean {
    return !this.closed && this.deliver(frame);
  }

  /** Ends replay: the queued live frames not already covered by history go out, then everything is live. */
  goLive(): void {
    const queued = this.queue ?? [];
    this.queue = null;
    this.queuedBytes = 0;
    for (const frame of queued) {
      if (!this.deliver(frame)) return;
    }
  }

  /** Resumes the cursor position a client sent (its Last-Event-ID), so history starts after it. */
  startAfter(ms: number, seq: number): void {
    this.lastMs = ms;
    this.lastSeq = seq;
  }

  /** The periodic check: close an expired subscription, or send a heartbeat when nothing was written for `idleMs`. */
  tick(now: number, idleMs: number): void {
    if (this.closed) return;
    if (now >= this.expiresAt) this.close('expired');
    else if (this.queue === null && now - this.lastWriteAt >= idleMs) this.writeText(HEARTBEAT_FRAME);
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    // A slow client's backlog is discarded, not flushed: that is the point of cutting it off. Before
    // any header went out, ending would send an empty 200 that makes EventSource give up; dropping the
    // connection makes it retry instead.
    if (reason === 'slow' || (reason !== 'client' && !this.sink.headersSent)) this.sink.destroy();
    else if (reason !== 'client') this.sink.end();
    this.hooks.closed(this, reason);
  }

  private deliver(frame: SseFrame): boolean {
    if (frame.ms < this.lastMs || (frame.ms === this.lastMs && frame.seq <= this.lastSeq)) return true;
    this.sink.write(frame.bytes);
    this.lastMs = frame.ms;
    this.lastSeq = frame.seq;
    this.lastWriteAt = Date.now();
    this.hooks.delivered(this, frame, this.lastWriteAt, this.queue === null);
    if (frame.ends) {
      this.close('done');
      return false;
    }
    return this.checkBuffer();
  }

  private checkBuffer(): boolean {
    if (this.sink.writableLength <= this.maxBufferedBytes) return true;
    this.close('slow');
    return false;
  }
}
