import { Attributes, Context, context, Link, Span, SpanKind, trace } from '@opentelemetry/api';
import { withSpan } from './trace-context';

export interface BatchSpanOptions<T> {
  kind: SpanKind;
  attributes: Attributes;
  /** The messages (or calls) the span covers, in order; the first one's context is the parent. */
  items: readonly T[];
  /** The creation context of one item (its `traceparent`), or one with no span when it has none. */
  contextOf(item: T): Context;
}

/**
 * Runs `work` in one span for a whole batch. OpenTelemetry messaging semantic conventions (batch
 * receiving/processing): one span per batch, linked to the creation context of every message. We
 * also parent it on the first message's context, so the common one-message batch is a plain
 * parent/child edge in trace views and the first producer's trace continues here.
 *
 * Cost when no SDK is registered: the no-op tracer returns a non-recording span, `contextOf` runs
 * once (the parent) and the links are never built, so nothing is allocated per message.
 */
export async function withBatchSpan<T, R>(name: string, options: BatchSpanOptions<T>, work: (span: Span) => Promise<R>): Promise<R> {
  const { items, contextOf } = options;
  const first = items.length > 0 ? contextOf(items[0]) : undefined;
  const parent = first && trace.getSpanContext(first) ? first : context.active();
  return withSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    (span) => {
      if (span.isRecording() && items.length > 1) span.addLinks(batchLinks(items, contextOf, trace.getSpanContext(parent)?.spanId));
      return work(span);
    },
    parent,
  );
}

/** One link per distinct upstream span among `items`, other than the parent; items without a trace context are skipped. */
export function batchLinks<T>(items: readonly T[], contextOf: (item: T) => Context, parentSpanId?: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>(parentSpanId ? [parentSpanId] : []);
  for (const item of items) {
    const spanContext = trace.getSpanContext(contextOf(item));
    if (!spanContext || seen.has(spanContext.spanId)) continue;
    seen.add(spanContext.spanId);
    links.push({ context: spanContext });
  }
  return links;
}
