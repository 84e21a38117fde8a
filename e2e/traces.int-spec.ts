import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeStreamEntry, PIPELINES_QUEUE } from '@app/domain';
import { contextFromFields, injectKafkaHeaders, traceFields } from '@app/telemetry';
import { chatDoneEvent, createTestDatabase, ServiceProcess, startBrokerProcess, uniqueName, waitFor, type BrokerProcess, type TestDatabase } from '@app/testing';
import { ROOT_CONTEXT, SpanKind, trace, type Span } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, one trace follows an event across the built services (real
 * processes exporting to a collector in this process):
 *   chat: producer XADD → chat-consumer `process` → its Postgres batch write; and → event-router
 *         `process` → its `route` to the SSE streams;
 *   kafka: producer send → pipeline-trigger `process` (the count) → `send pipelines` (the BullMQ job,
 *         whose data carries its traceparent) → a worker's `process pipelines`, and → event-router's
 *         `process` of the `pipeline:triggers` entry.
 * Each edge is checked as parentSpanId = upstream spanId (or a span link, for the later entries of a
 * batch), all under the producer's trace id. The producers here are what our users' are: a span
 * whose `traceparent` goes into the entry's fields (encodeStreamEntry) or the Kafka headers.
 */
const prefix = uniqueName('e2e-traces');
const queuePrefix = `{${prefix}}`;
const tracer = new BasicTracerProvider().getTracer('e2e-producer');
// Spans are exported every 200 ms instead of every 5 s, so the test need not wait for a shutdown flush.
const otel = (receiver: OtlpReceiver) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200', HTTP_PORT: '0' });

const chatStream = `${prefix}:chat:{0}`;
const triggersStream = `${prefix}:triggers`;
const streamEnv = { CHAT_EVENT_STREAMS: chatStream, CHAT_DLQ_STREAM: `${prefix}:dlq`, PIPELINE_TRIGGERS_STREAM: triggersStream };

let receiver: OtlpReceiver;
let db: TestDatabase;
let redis: Redis;
const services: ServiceProcess[] = [];

beforeAll(async () => {
  [receiver, db] = await Promise.all([OtlpReceiver.start(), createTestDatabase()]);
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  // event-router serves both paths: chat events, and the `pipeline:triggers` entries pipeline-trigger writes.
  const router = start('event-router', { ...otel(receiver), ...streamEnv, SSE_AUTH_DISABLED: 'true', ALERTS_STREAM: `${prefix}:alerts`, ROUTED_KEY_PREFIX: `${prefix}:routed:` });
  await router.httpPort();
}, 30_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop('SIGTERM')));
  for (const pattern of [`${prefix}:*`, `${queuePrefix}:*`, `consumer:${prefix}-*`, `{consumer:${prefix}-*`]) {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis?.quit();
  await db?.drop();
  await receiver?.close();
}, 30_000);

function start(app: string, env: Record<string, string>): ServiceProcess {
  const service = new ServiceProcess(app, env);
  services.push(service);
  return service;
}

function producerSpan(destination: string, system: string): Span {
  return tracer.startSpan(`send ${destination}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': system, 'messaging.destination.name': destination } }, ROOT_CONTEXT);
}

const ids = (span: Span) => span.spanContext();

/** Waits until the collector has a span of `service` named `name` that `match` accepts. */
function waitForSpan(service: string, name: string, match: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan> {
  return waitFor(() => receiver.spans.find((span) => span.service === service && span.name === name && match(span)) ?? false, {
    what: `${service} span "${name}" (received: ${receiver.spans.map((s) => `${s.service}:${s.name}`).join(', ')})`,
    timeoutMs: 15_000,
  });
}

it('follows a chat job from its XADD through chat-consumer to Postgres and through event-router to the SSE streams', async () => {
  const stream = chatStream;
  // Three jobs, each its own trace, in one MULTI: event-router (blocked on the stream) and chat-consumer
  // (started after, reading the backlog) each get the three as one batch, whose spans are children of the
  // first entry's producer span and link the other two (messaging conventions for batch processing).
  // Raw XADD of the fields RedisStreamsClient writes: the client takes the one active context per call and
  // cannot join a MULTI, and here each entry carries its own trace, all three in one transaction.
  const producers = [0, 1, 2].map(() => producerSpan(stream, 'redis'));
  const multi = redis.multi();
  producers.forEach((span, i) => {
    const event = chatDoneEvent(`${prefix}-job-${i}`, { chatId: `${prefix}-chat` });
    multi.xadd(stream, '*', ...encodeStreamEntry(event, traceFields(trace.setSpan(ROOT_CONTEXT, span))));
  });
  await multi.exec();
  producers.forEach((span) => span.end());
  const [first, ...others] = producers.map(ids);
  await start('chat-consumer', { ...otel(receiver), ...streamEnv, DATABASE_URL: db.url, FLUSH_INTERVAL_MS: '200' }).httpPort();

  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    await waitFor(async () => (await pg.query('SELECT count(*)::int AS n FROM chat.messages WHERE job_id LIKE $1', [`${prefix}-job-%`])).rows[0].n === 6, { what: 'the three jobs in Postgres' });
  } finally {
    await pg.end();
  }

  const linksOthers = (span: ReceivedSpan) => others.every((upstream) => span.links.some((link) => link.traceId === upstream.traceId && link.spanId === upstream.spanId));
  const chatProcess = await waitForSpan('chat-consumer', `process ${stream}`, (span) => span.parentSpanId === first.spanId);
  expect(chatProcess).toMatchObject({ traceId: first.traceId, kind: 5 /* CONSUMER (OTLP enum) */, attributes: { 'messaging.system': 'redis', 'messaging.destination.name': stream, 'messaging.batch.message_count': 3 } });
  expect(linksOthers(chatProcess)).toBe(true);
  const insert = await waitForSpan('chat-consumer', 'INSERT chat.messages', (span) => span.parentSpanId === chatProcess.spanId);
  expect(insert).toMatchObject({ traceId: first.traceId, kind: 3 /* CLIENT */, attributes: { 'db.system.name': 'postgresql', 'db.collection.name': 'chat.messages' } });

  const routerProcess = await waitForSpan('event-router', `process ${stream}`, (span) => span.parentSpanId === first.spanId);
  expect(routerProcess.traceId).toBe(first.traceId);
  expect(linksOthers(routerProcess)).toBe(true);
  const route = await waitForSpan('event-router', `route ${stream}`, (span) => span.parentSpanId === routerProcess.spanId);
  expect(route).toMatchObject({ traceId: first.traceId, kind: 4 /* PRODUCER */ });
}, 60_000);

describe('a Kafka event', () => {
  let broker: BrokerProcess;
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-traces-'));

  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('is followed from its produce through pipeline-trigger`s count and BullMQ job to the worker', async () => {
    broker = await startBrokerProcess();
    const topic = `${prefix}-events`;
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    // One event closes a window (max_event: 1), so the trigger is published by the count that saw it.
    const file = path.join(dir, 'consumers.yaml');
    writeFileSync(file, `consumers:\n  - consumer_id: ${prefix}-c\n    kafka_topic: ${topic}\n    pipeline_name: orders-etl\n    connection_id: warehouse\n    max_event: 1\n    max_time: 3600\n    auto_offset_reset: earliest\n`);
    const trigger = start('pipeline-trigger', {
      ...otel(receiver),
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      API_AUTH_DISABLED: 'true',
      PIPELINE_CONSUMERS_FILE: file,
      PIPELINE_QUEUE_PREFIX: queuePrefix,
      PIPELINE_TRIGGERS_STREAM: triggersStream,
      PIPELINE_BASE_GROUP_ID: `${prefix}-base`,
    });
    await trigger.httpPort();

    // The pipeline worker: continues the trace from the job's `traceparent`, as the README tells workers to.
    const worked: { parent?: string; traceId: string; spanId: string }[] = [];
    const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const worker = new Worker(
      PIPELINES_QUEUE,
      async (job) => {
        const parent = contextFromFields(job.data as Record<string, string>);
        const span = tracer.startSpan(`process ${PIPELINES_QUEUE}`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': PIPELINES_QUEUE } }, parent);
        worked.push({ parent: trace.getSpanContext(parent)?.spanId, ...span.spanContext() });
        span.end();
      },
      { connection, prefix: queuePrefix },
    );
    try {
      const producer = broker.kafka.producer();
      await producer.connect();
      const sent = producerSpan(topic, 'kafka');
      await producer.send({ topic, messages: [{ key: 'k', value: '{"n":1}', headers: injectKafkaHeaders({}, trace.setSpan(ROOT_CONTEXT, sent)) }] });
      sent.end();
      await producer.disconnect();
      const upstream = ids(sent);

      const job = await waitFor(() => worked[0] ?? false, { what: 'the pipeline job run by the worker', timeoutMs: 20_000 });
      const count = await waitForSpan('pipeline-trigger', `process ${topic}`, (span) => span.parentSpanId === upstream.spanId);
      expect(count).toMatchObject({ traceId: upstream.traceId, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.batch.message_count': 1 } });
      const enqueue = await waitForSpan('pipeline-trigger', `send ${PIPELINES_QUEUE}`, (span) => span.parentSpanId === count.spanId);
      expect(enqueue.traceId).toBe(upstream.traceId);
      expect(job).toMatchObject({ traceId: upstream.traceId, parent: enqueue.spanId });
      // The trigger's `pipeline:triggers` entry carries the same context: event-router continues it too.
      const routed = await waitForSpan('event-router', `process ${triggersStream}`, (span) => span.parentSpanId === enqueue.spanId);
      expect(routed.traceId).toBe(upstream.traceId);
    } finally {
      await worker.close();
      connection.disconnect();
    }
  }, 60_000);
});

