import { Context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { withBatchSpan } from './batch-span';

const upstream = (n: number) => trace.setSpanContext(ROOT_CONTEXT, { traceId: `${n}`.padStart(32, 'a'), spanId: `${n}`.padStart(16, 'b'), traceFlags: TraceFlags.SAMPLED, isRemote: true });
const options = (items: Context[]) => ({ kind: SpanKind.CONSUMER, attributes: { 'messaging.batch.message_count': items.length }, items, contextOf: (ctx: Context) => ctx });

describe('withBatchSpan', () => {
  it('costs one context lookup and no links when no SDK is registered', async () => {
    const contextOf = jest.fn((ctx: Context) => ctx);
    const result = await withBatchSpan('process s', { ...options([upstream(1), upstream(2), upstream(3)]), contextOf }, async (span) => {
      expect(span.isRecording()).toBe(false);
      return 42;
    });
    expect(result).toBe(42);
    expect(contextOf).toHaveBeenCalledTimes(1);
  });

  describe('with an SDK', () => {
    const exporter = new InMemorySpanExporter();
    beforeAll(() => trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })));
    afterAll(() => trace.disable());
    beforeEach(() => exporter.reset());

    it('is the child of the first item and links every other distinct upstream span, once', async () => {
      await withBatchSpan('process s', options([upstream(1), upstream(2), upstream(1), ROOT_CONTEXT, upstream(3)]), async () => undefined);
      const [span] = exporter.getFinishedSpans();
      expect(span.parentSpanContext?.spanId).toBe(trace.getSpanContext(upstream(1))?.spanId);
      expect(span.spanContext().traceId).toBe(trace.getSpanContext(upstream(1))?.traceId);
      expect(span.links.map((link) => link.context.spanId)).toEqual([2, 3].map((n) => trace.getSpanContext(upstream(n))?.spanId));
      expect(span.kind).toBe(SpanKind.CONSUMER);
    });

    it('records a failure on the span and rethrows it', async () => {
      await expect(withBatchSpan('process s', options([upstream(1)]), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      const [span] = exporter.getFinishedSpans();
      expect(span.status.message).toBe('boom');
      expect(span.events[0].name).toBe('exception');
    });
  });
});
