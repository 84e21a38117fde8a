import type { Context } from '@opentelemetry/api';

/** One validated entry of a stream, as a handler receives it. */
export interface StreamEntry<T> {
  stream: string;
  id: string;
  event: T;
  /** The entry's raw fields (`data`, `traceparent`...). */
  fields: Record<string, string>;
  /** 1 on the first delivery; higher after a restart or a reclaim. */
  deliveryCount: number;
  /** The producer's trace context from the entry's `traceparent` field. */
  traceContext: Context;
}

/** Entries of one stream, in stream order, from one read. */
export interface StreamBatch<T> {
  stream: string;
  entries: StreamEntry<T>[];
}

/**
 * What a handler may return. Entries listed in `rejected` are ones the handler can never process
 * (poison): they go to the dead-letter stream with the reason, every other entry is acknowledged.
 * Throwing instead means "try the whole batch again later" and acknowledges nothing.
 */
export interface HandlerOutcome {
  rejected?: { id: string; reason: string }[];
}
