import { Injectable } from '@nestjs/common';
import { API_NAMES } from '@app/kafka-protocol';
import { labelledChildren } from '@app/platform';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Request, error, byte and latency metrics of the Kafka listener, on the app's prom-client registry. */
@Injectable()
export class ProtocolMetrics {
  private readonly requests: Counter<'api' | 'version'>;
  private readonly errors: Counter<'api' | 'code'>;
  private readonly bytesIn: Counter;
  private readonly bytesOut: Counter;
  private readonly latency: Histogram<'api'>;
  private readonly connections: Gauge;
  private readonly closedForBadInput: Counter<'reason'>;
  /** Keyed by apiKey * 65536 + version. */
  private readonly requestsByApiVersion = labelledChildren((key) =>
    this.requests.labels({ api: apiName(Math.floor(key / 65_536)), version: String(key % 65_536) }),
  );
  private readonly latencyByApi = labelledChildren((apiKey) => this.latency.labels({ api: apiName(apiKey) }));

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'broker_kafka_requests_total',
      help: 'Kafka requests received, by API and version',
      labelNames: ['api', 'version'],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'broker_kafka_errors_total',
      help: 'Non-zero error codes returned in Kafka responses, by API and code',
      labelNames: ['api', 'code'],
      registers: [registry],
    });
    this.bytesIn = new Counter({ name: 'broker_kafka_bytes_in_total', help: 'Request bytes received', registers: [registry] });
    this.bytesOut = new Counter({ name: 'broker_kafka_bytes_out_total', help: 'Response bytes sent', registers: [registry] });
    this.latency = new Histogram({
      name: 'broker_kafka_request_duration_seconds',
      help: 'Time from a request frame arriving to its response being ready, by API (Produce and Fetch included)',
      labelNames: ['api'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.connections = new Gauge({ name: 'broker_kafka_connections', help: 'Open Kafka connections', registers: [registry] });
    this.closedForBadInput = new Counter({
      name: 'broker_kafka_connections_closed_total',
      help: 'Connections closed by the broker because of bad input, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  request(apiKey: number, version: number, bytes: number): void {
    this.requestsByApiVersion(apiKey * 65_536 + version).inc();
    this.bytesIn.inc(bytes + 4);
  }

  response(apiKey: number, bytes: number, seconds: number, body: unknown): void {
    this.bytesOut.inc(bytes);
    this.latencyByApi(apiKey).observe(seconds);
    countErrorCodes(body, (code) => this.errors.inc({ api: apiName(apiKey), code: String(code) }));
  }

  connectionOpened(): void {
    this.connections.inc();
  }

  connectionClosed(): void {
    this.connections.dec();
  }

  closedForBadInputReason(reason: string): void {
    this.closedForBadInput.inc({ reason });
  }
}

function apiName(apiKey: number): string {
  return API_NAMES.get(apiKey) ?? String(apiKey);
}

/** Visits every non-zero `errorCode` in a response object tree (record buffers are skipped). */
function countErrorCodes(value: unknown, onError: (code: number) => void): void {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    for (const item of value) countErrorCodes(item, onError);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === 'errorCode' && typeof v === 'number' && v !== 0) onError(v);
    else if (typeof v === 'object') countErrorCodes(v, onError);
  }
}
