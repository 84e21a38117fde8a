import { Context, context, ROOT_CONTEXT, Span, SpanOptions, SpanStatusCode, trace, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * W3C trace context carried in Redis stream fields and Kafka headers. The propagator is used
 * directly (not the global one) so the field is written in the same form whether or not the SDK
 * runs here; with no active span nothing is written and nothing is read.
 */
const w3c = new W3CTraceContextPropagator();

const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
const recordGetter: TextMapGetter<Record<string, string | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

const kafkaGetter: TextMapGetter<KafkaHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** The `traceparent` (and `tracestate`) of the active span, as Redis stream fields; empty when no span is active. */
export function traceFields(ctx: Context = context.active()): Record<string, string> {
  const fields: Record<string, string> = {};
  w3c.inject(ctx, fields, recordSetter);
  return fields;
}

/** The context a stream entry's fields carry, to parent the span that processes it. */
export function contextFromFields(fields: Record<string, string | undefined>): Context {
  return w3c.extract(ROOT_CONTEXT, fields, recordGetter);
}

/** Adds the active span's context to Kafka message headers (as kafkajs takes them). */
export function injectKafkaHeaders(headers: KafkaHeaders = {}, ctx: Context = context.active()): KafkaHeaders {
  const fields = traceFields(ctx);
  return { ...headers, ...fields };
}

export function contextFromKafkaHeaders(headers: KafkaHeaders | undefined): Context {
  return w3c.extract(ROOT_CONTEXT, headers ?? {}, kafkaGetter);
}

/**
 * Runs `work` in an active span under `parent` (by default the active context), recording its error and
 * ending the span however it finishes. With no SDK registered the tracer is a no-op and only `work` runs.
 */
export async function withSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  return trace.getTracer('streaming-platform').startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
