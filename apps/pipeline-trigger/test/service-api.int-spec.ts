import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PIPELINES_QUEUE } from '@app/domain';
import type { ServiceDefinition } from '@app/platform';
import { createTestDatabase, startBrokerProcess, startTestService, uniqueName, waitFor, type BrokerProcess, type TestDatabase, type TestService } from '@app/testing';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppModule } from '../src/app.module';
import { pipelineTriggerEnv, SERVICE_NAME } from '../src/config';
import { PipelineFixture } from './support/pipeline-fixture';

const WRITE_TOKEN = 'write-token-0123456789abcdef';

const definition: ServiceDefinition<typeof pipelineTriggerEnv> = {
  serviceName: SERVICE_NAME,
  env: pipelineTriggerEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: () => 0,
};

/**
 * The whole service (engine, REST API, Postgres, status tracking) against our broker: a consumer
 * created over REST counts at once, its triggers land in the history and follow their BullMQ jobs,
 * and it is running again after a restart.
 */
describe('pipeline-trigger service: REST consumers on the real engine', () => {
  let broker: BrokerProcess;
  let db: TestDatabase;
  let fixture: PipelineFixture;
  let service: TestService<unknown>;
  let worker: Worker;
  let workerConnection: Redis;
  let env: Record<string, string>;
  const dir = mkdtempSync(path.join(tmpdir(), 'pt-service-'));

  const call = async (method: string, urlPath: string, json?: unknown) => {
    const response = await fetch(`${service.baseUrl}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${WRITE_TOKEN}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };

  beforeAll(async () => {
    [broker, db] = await Promise.all([startBrokerProcess(), createTestDatabase()]);
    fixture = new PipelineFixture(broker.kafka);
    const fileTopic = await fixture.createTopic(1);
    const file = path.join(dir, 'consumers.yaml');
    writeFileSync(file, `consumers:\n  - consumer_id: ${uniqueName('file')}\n    kafka_topic: ${fileTopic}\n    pipeline_name: p\n    connection_id: c\n    max_event: 1000\n    max_time: 3600\n`);
    env = {
      ...fixture.env(broker.bootstrap),
      DATABASE_URL: db.url,
      API_WRITE_TOKENS: WRITE_TOKEN,
      PIPELINE_CONSUMERS_FILE: file,
      CONSUMERS_SYNC_INTERVAL_MS: '500',
      PIPELINE_TIMER_INTERVAL_MS: '100',
      PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    service = await startTestService(definition, env);
    workerConnection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    // A pipeline worker: completes every job except those of windows that started at offset 10.
    worker = new Worker(
      PIPELINES_QUEUE,
      async (job) => {
        if (job.data.offsets['0']?.first === '10') throw new Error('pipeline rejected the window');
        return 'done';
      },
      { connection: workerConnection, prefix: fixture.prefix },
    );
  });

  afterAll(async () => {
    await service?.sigterm();
    await worker?.close();
    workerConnection?.disconnect();
    await fixture?.close();
    await broker?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the file consumers and lists them beside the API ones', async () => {
    const { body } = await call('GET', '/consumers');
    expect(body.consumers).toEqual([expect.objectContaining({ source: 'file' })]);
    const info = await call('GET', `/consumer/info/${body.consumers[0].consumer_id}`);
    expect(info.body).toMatchObject({ running: true, runtime: { state: expect.stringMatching(/running|starting/) } });
  });

  it('counts at once for a consumer created over REST, records its triggers and follows their jobs, and survives a restart', async () => {
    const topic = await fixture.createTopic(1);
    const id = uniqueName('api');
    const created = await call('POST', '/consumers', { consumer_id: id, kafka_topic: topic, pipeline_name: 'orders-etl', connection_id: 'warehouse', max_event: 10, max_time: 3600, auto_offset_reset: 'earliest' });
    expect(created.status).toBe(201);

    await fixture.produce(topic, 25);
    const history = await waitFor(async () => {
      const { body } = await call('GET', `/consumers/${id}/triggers`);
      const finished = body.items.filter((t: { status: string }) => t.status === 'completed' || t.status === 'failed');
      return finished.length === 2 ? body.items : undefined;
    }, { timeoutMs: 20_000, what: 'two finished triggers in the history' });
    expect(history.map((t: { reason: string; event_count: number; status: string; failure_reason: string | null; offsets: unknown }) => [t.reason, t.event_count, t.offsets, t.status, t.failure_reason])).toEqual([
      ['count', 10, { '0': { first: '10', last: '19' } }, 'failed', 'pipeline rejected the window'],
      ['count', 10, { '0': { first: '0', last: '9' } }, 'completed', null],
    ]);
    const info = await waitFor(async () => {
      const { body } = await call('GET', `/consumer/info/${id}`);
      return body.runtime?.current_count === 5 ? body : undefined;
    }, { what: 'the open window to hold 5 events' });
    expect(info).toMatchObject({ running: true, last_trigger: { job_id: history[0].job_id, status: 'failed' } });

    expect(await service.sigterm()).toBe(0);
    service = await startTestService(definition, env);
    await waitFor(async () => (await call('GET', `/consumer/info/${id}`)).body.runtime?.state === 'running', { timeoutMs: 20_000, what: 'the consumer running after the restart' });
    await fixture.produce(topic, 5, 25);
    await waitFor(async () => (await call('GET', `/consumers/${id}/triggers`)).body.items.length === 3, { timeoutMs: 20_000, what: 'the third trigger after the restart' });

    expect((await call('DELETE', `/consumers/${id}`)).status).toBe(204);
    expect((await call('GET', `/consumer/info/${id}`)).status).toBe(404);
  });
});
