import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ServiceProcess, uniqueName } from '@app/testing';
import Redis from 'ioredis';

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, a service exports its spans to an OTLP/HTTP collector,
 * continuing the trace a caller started (W3C traceparent), and flushes them on SIGTERM.
 * Run as a real process: the OTLP exporter loads its transport with a dynamic import Jest's VM cannot run.
 */
describe('tracing to an OTLP collector', () => {
  const bodies: string[] = [];
  const collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(`${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  beforeAll(() => new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('exports the server span of a request under the caller trace id', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const prefix = uniqueName('e2e-telemetry');
    const service = new ServiceProcess('event-router', {
      HTTP_PORT: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      SSE_AUTH_DISABLED: 'true',
      CHAT_EVENT_STREAMS: `${prefix}:chat:{0}`,
      CHAT_DLQ_STREAM: `${prefix}:dlq`,
      ALERTS_STREAM: `${prefix}:alerts`,
      PIPELINE_TRIGGERS_STREAM: `${prefix}:triggers`,
      ROUTED_KEY_PREFIX: `${prefix}:routed:`,
    });
    const port = await service.httpPort();

    await fetch(`http://127.0.0.1:${port}/no-such-page`, { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    service.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);

    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();

    const exported = bodies.join('\n');
    expect(exported).toContain('/v1/traces');
    expect(exported).toContain('event-router');
    expect(exported).toContain('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});
