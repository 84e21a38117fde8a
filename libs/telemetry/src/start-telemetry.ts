import type { Logger } from 'pino';

export interface TelemetryHandle {
  shutdown(): Promise<void>;
}

const NO_TELEMETRY: TelemetryHandle = { shutdown: async () => undefined };

/**
 * Starts the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set. It must run before the
 * service's other modules load, because instrumentations patch modules as they are required.
 * Without the variable nothing is loaded at all, so tracing costs nothing when it is off.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env, logger?: Logger): TelemetryHandle {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return NO_TELEMETRY;

  // Loaded lazily so a service without tracing never pays for the SDK's module graph.
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');

  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') })],
  });
  sdk.start();
  logger?.info({ endpoint }, 'OpenTelemetry tracing on');
  return { shutdown: () => sdk.shutdown() };
}
