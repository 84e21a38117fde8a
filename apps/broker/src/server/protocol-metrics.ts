import { Injectable } from '@nestjs/common';
import { API_NAMES } from '@app/kafka-protocol';
import { Counter, Gauge, Registry } from 'prom-client';
import { DeferredCounts } from './deferred-counts';
import { DeferredHistogram } from './deferred-histogram';

/**
 * Request, error, byte and latency metrics of the Kafka listener, on the app's prom-client registry. The per-request
 * ones are gathered in plain numbers and handed to prom-client when scraped (see DeferredCounts).
 */
@Injectable()
export class ProtocolMetrics {
  private readonly errors: Counter<'api' | 'code'>;
  private readonly latency: DeferredHistogram<'api'>;
  private readonly connections: Gauge;
  private readonly closedForBadInput: Counter<'reason'>;
  /** Keyed by apiKey * 65536 + version. */
  private readonly requestsByApiVersion = new DeferredCounts();
  private readonly bytes = { received: 0, sent: 0 };

  constructor(registry: Registry) {
    const requests = this.requestsByApiVersion;
    const bytes = this.bytes;
    new Counter({
      name: 'broker_kafka_requests_total',
      help: 'Kafka requests received, by API and version',
      labelNames: ['api', 'version'],
      registers: [registry],
      collect() {
        requests.drain((key, n) => this.inc({ api: apiName(Math.floor(key / 65_536)), version: String(key % 65_536) }, n));
      },
    });
    this.errors = new Counter({
      name: 'broker_kafka_errors_total',
      help: 'Non-zero error codes returned in Kafka responses, by API and code',
      labelNames: ['api', 'code'],
      registers: [registry],
    });
    new Counter({
      name: 'broker_kafka_bytes_in_total',
      help: 'Request bytes received',
      registers: [registry],
      collect() {
        this.inc(bytes.received);
        bytes.received = 0;
      },
    });
    new Counter({
      name: 'broker_kafka_bytes_out_total',
      help: 'Response bytes sent',
      registers: [registry],
      collect() {
        this.inc(bytes.sent);
        bytes.sent = 0;
      },
    });
    this.latency = new DeferredHistogram(
      {
        name: 'broker_kafka_request_duration_seconds',
        help: 'Time from a request frame arriving to its response being ready, by API (Produce and Fetch included)',
        labelNames: ['api'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      },
      (apiKey) => ({ api: apiName(apiKey) }),
    );
    this.connections = new Gauge({ name: 'broker_kafka_connections', help: 'Open Kafka connections', registers: [registry] });
    this.closedForBadInput = new Counter({
      name: 'broker_kafka_connections_closed_total',
      help: 'Connections closed by the broker because of bad input, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  request(apiKey: number, version: number, bytes: number): void {
    this.requestsByApiVersion.add(apiKey * 65_536 + version);
    this.bytes.received += bytes + 4;
  }

  response(apiKey: number, bytes: number, seconds: number, body: unknown): void {
    this.bytes.sent += bytes;
    this.latency.observeKey(apiKey, seconds);
    countErrorCodes(body, apiKey, this.errors);
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

/**
 * Counts every non-zero `errorCode` in a response object tree (record buffers are skipped). It walks every response,
 * so it allocates nothing (no Object.entries, no callback).
 */
function countErrorCodes(value: unknown, apiKey: number, errors: Counter<'api' | 'code'>): void {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    for (const item of value) countErrorCodes(item, apiKey, errors);
    return;
  }
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const v = fields[key];
    if (key === 'errorCode' && typeof v === 'number' && v !== 0) errors.inc({ api: apiName(apiKey), code: String(v) });
    else if (typeof v === 'object') countErrorCodes(v, apiKey, errors);
  }
}
