import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { contextFromFields, contextFromKafkaHeaders, injectKafkaHeaders, traceFields } from './trace-context';

const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
const withSpan = trace.setSpanContext(ROOT_CONTEXT, spanContext);

describe('trace context propagation', () => {
  it('writes a W3C traceparent into stream fields and reads the same span context back', () => {
    const fields = traceFields(withSpan);
    expect(fields.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(trace.getSpanContext(contextFromFields(fields))).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId, isRemote: true });
  });

  it('writes nothing when no span is active', () => {
    expect(traceFields(context.active())).toEqual({});
  });

  it('round-trips through Kafka headers given as Buffers, keeping the other headers', () => {
    const headers = injectKafkaHeaders({ 'content-type': 'application/json' }, withSpan);
    const received = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, Buffer.from(String(value))]));
    expect(received['content-type'].toString()).toBe('application/json');
    expect(trace.getSpanContext(contextFromKafkaHeaders(received))?.traceId).toBe(spanContext.traceId);
  });

  it('ignores a malformed traceparent instead of failing the consumer', () => {
    expect(trace.getSpanContext(contextFromFields({ traceparent: 'not-a-trace' }))).toBeUndefined();
  });
});
