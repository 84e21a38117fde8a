import { parseStreamId } from '../cursor/stream-id';
import { endsSubscription } from '../routing/route-event';
import type { Topic } from '../routing/routed-keys';

/**
 * One routed event, formatted and UTF-8 encoded once per replica and shared by every connection
 * that receives it (encoding per connection was a visible share of the profile at 10,000
 * clients); the id is kept as numbers so each connection's de-duplication is two comparisons.
 */
export interface SseFrame {
  id: string;
  ms: number;
  seq: number;
  event: string;
  bytes: Buffer;
  /** Delivering it completes the subscription (a job's `done`). */
  ends: boolean;
}

export function eventFrame(topic: Topic, id: string, event: string, data: string): SseFrame {
  const parsed = parseStreamId(id);
  if (!parsed) throw new Error(`routed entry has an invalid id: ${id}`);
  return { id, ms: parsed.ms, seq: parsed.seq, event, bytes: Buffer.from(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`), ends: endsSubscription(topic, event) };
}

/** Sent first: how long the browser waits before reconnecting. */
export function retryFrame(ms: number): string {
  return `retry: ${ms}\n\n`;
}

/** A comment line: keeps proxies and browsers from timing out an idle stream, dispatches nothing. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';

export type ResetReason = 'cursor_trimmed' | 'unknown_cursor';

/**
 * Tells the client its cursor cannot be resumed and that what follows is everything still
 * retained, from the oldest entry on: it must drop what it built from earlier events. Without
 * an `id:` line, so the browser's Last-Event-ID stays put until the first replayed event.
 */
export function resetFrame(reason: ResetReason, cursor: string, oldestId: string | undefined): string {
  return `event: reset\ndata: ${JSON.stringify({ reason, cursor, oldest_id: oldestId ?? null })}\n\n`;
}

/** Parses the Pub/Sub announcement written by the route script: `id \n event \n data`. */
export function parseAnnouncement(message: string): { id: string; event: string; data: string } | undefined {
  const first = message.indexOf('\n');
  const second = first < 0 ? -1 : message.indexOf('\n', first + 1);
  if (second < 0) return undefined;
  return { id: message.slice(0, first), event: message.slice(first + 1, second), data: message.slice(second + 1) };
}
