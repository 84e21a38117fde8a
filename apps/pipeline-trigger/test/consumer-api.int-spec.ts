import { createPrismaClient, DbClient } from '@app/db';
import { signHs256Jwt } from '@app/platform';
import { createTestDatabase, TestDatabase, TestService, waitFor } from '@app/testing';
import { parseConsumerConfig } from '../src/config-model/consumer-config';
import { TriggerHistoryStore } from '../src/store/trigger-history-store';
import { startConsumerApi } from './support/consumer-api-service';
import { RecordingRuntime } from './support/recording-runtime';

const READ_TOKEN = 'read-token-0123456789abcdef';
const WRITE_TOKEN = 'write-token-0123456789abcdef';
const JWT_SECRET = 'a-test-secret-of-at-least-32-characters!';

const body = (id: string, overrides: Record<string, unknown> = {}) => ({
  consumer_id: id,
  kafka_topic: 'orders',
  pipeline_name: 'index-orders',
  connection_id: 'pg-main',
  max_event: 100,
  max_time: 30,
  ...overrides,
});

const fileConsumer = (() => {
  const parsed = parseConsumerConfig(body('from-file', { max_event: 5 }));
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.config;
})();

describe('consumer REST API (HTTP, Postgres, API auth)', () => {
  let db: TestDatabase;
  let prisma: DbClient;
  let runtime: RecordingRuntime;
  let service: TestService<unknown>;
  let env: Record<string, string>;

  const call = async (method: string, path: string, options: { token?: string | null; json?: unknown; raw?: string; contentType?: string } = {}) => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? WRITE_TOKEN : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (options.json !== undefined || options.raw !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      payload = options.raw ?? JSON.stringify(options.json);
    }
    const response = await fetch(`${service.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 2);
    env = { DATABASE_URL: db.url, API_READ_TOKENS: READ_TOKEN, API_WRITE_TOKENS: WRITE_TOKEN, API_JWT_SECRET: JWT_SECRET };
    runtime = new RecordingRuntime();
    service = await startConsumerApi({ env, runtime, fileConsumers: [fileConsumer] });
  });

  afterAll(async () => {
    await service?.sigterm();
    await prisma.$disconnect();
    await db.drop();
  });

  it('loads the file consumers into the table and starts them', async () => {
    expect(runtime.calls).toContain('start from-file');
    const { status, body: list } = await call('GET', '/consumers', { token: READ_TOKEN });
    expect(status).toBe(200);
    expect(list.consumers).toEqual([expect.objectContaining({ consumer_id: 'from-file', source: 'file', paused: false, config: fileConsumer })]);
  });

  it('creates a consumer that starts at once, with defaults applied and the password hidden', async () => {
    const created = await call('POST', '/consumers', { json: body('orders-api', { security: { mechanism: 'plain', username: 'svc', password: 'hunter2-secret' } }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ consumer_id: 'orders-api', source: 'api', paused: false, version: 1, config: { job_type: 'async', auto_offset_reset: 'latest', security: { password: '********' } } });
    expect(runtime.calls).toContain('start orders-api');
    expect(runtime.running.get('orders-api')?.config.security?.password).toBe('hunter2-secret');

    const info = await call('GET', '/consumer/info/orders-api', { token: READ_TOKEN });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ consumer_id: 'orders-api', running: true, runtime: { state: 'running' }, last_trigger: null, idle_alert: null, config: { max_event: 100, max_time: 30 } });
    expect(JSON.stringify(info.body)).not.toContain('hunter2');
  });

  it('answers info without the engine view when the engine does not answer in time', async () => {
    runtime.hangInfo = true;
    try {
      const info = await call('GET', '/consumer/info/orders-api', { token: READ_TOKEN });
      expect(info).toMatchObject({ status: 200, body: { consumer_id: 'orders-api', runtime: { error: expect.stringContaining('did not answer') } } });
    } finally {
      runtime.hangInfo = false;
    }
  });

  it('refuses a duplicate id, and any id the config file owns, with 409', async () => {
    await call('POST', '/consumers', { json: body('dup') });
    expect((await call('POST', '/consumers', { json: body('dup', { max_event: 9 }) })).status).toBe(409);
    const fromFile = await call('POST', '/consumers', { json: body('from-file') });
    expect(fromFile).toMatchObject({ status: 409, body: { message: expect.stringContaining('PIPELINE_CONSUMERS_FILE') } });
    expect((await call('PUT', '/consumers/from-file', { json: body('from-file', { max_event: 1 }) })).status).toBe(409);
    expect((await call('DELETE', '/consumers/from-file')).status).toBe(409);
  });

  it.each([
    ['an empty object', {}, 'consumer_id'],
    ['a missing kafka_topic', { ...body('x'), kafka_topic: undefined }, 'kafka_topic'],
    ['max_event as a string', body('x', { max_event: '100' }), 'max_event'],
    ['max_event zero', body('x', { max_event: 0 }), 'max_event'],
    ['max_event negative', body('x', { max_event: -1 }), 'max_event'],
    ['max_time huge', body('x', { max_time: 1e12 }), 'max_time'],
    ['max_event beyond 2^53', body('x', { max_event: 2 ** 60 }), 'max_event'],
    ['an unknown job_type', body('x', { job_type: 'realtime' }), 'job_type'],
    ['an unknown auto_offset_reset', body('x', { auto_offset_reset: 'none' }), 'auto_offset_reset'],
    ['an extra unknown field', body('x', { max_events: 5 }), 'max_events'],
    ['a nested unknown field', body('x', { monitoring: { alert_after: 2 } }), 'monitoring.alert_after'],
    ['a consumer_id with a slash', body('a/b'), 'consumer_id'],
    ['a JSON array', [body('x')], '(body)'],
  ])('refuses %s with a 400 naming the field', async (_label, json, field) => {
    const response = await call('POST', '/consumers', { json });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid consumer configuration', fields: expect.arrayContaining([expect.objectContaining({ field, expected: expect.any(String) })]) });
  });

  it('refuses a body that is not JSON (or not an object) with a 400, and a non-JSON content type with a 415', async () => {
    const broken = await call('POST', '/consumers', { raw: '{"consumer_id": "x",' });
    expect(broken).toMatchObject({ status: 400, body: { message: expect.stringMatching(/JSON/) } });
    // The JSON parser takes only objects and arrays at the top (strict mode), as the API does.
    for (const raw of ['"hello"', '42', 'null']) expect((await call('POST', '/consumers', { raw })).status).toBe(400);
    // A body far beyond any configuration is refused before it is parsed.
    expect((await call('POST', '/consumers', { json: body('big', { pipeline_name: 'x'.repeat(200_000) }) })).status).toBe(413);
    const form = await call('POST', '/consumers', { raw: 'consumer_id=x', contentType: 'application/x-www-form-urlencoded' });
    expect(form).toMatchObject({ status: 415, body: { error: 'unsupported content type', expected: 'application/json' } });
    const none = await fetch(`${service.baseUrl}/consumers`, { method: 'POST', headers: { authorization: `Bearer ${WRITE_TOKEN}` } });
    expect(none.status).toBe(415);
    expect(runtime.calls.filter((c) => c.startsWith('start x'))).toEqual([]);
  });

  it('updates a consumer in place, refusing a body whose consumer_id differs from the path', async () => {
    await call('POST', '/consumers', { json: body('upd') });
    const { consumer_id: _omit, ...withoutId } = body('upd', { max_event: 250 });
    const updated = await call('PUT', '/consumers/upd', { json: withoutId });
    expect(updated).toMatchObject({ status: 200, body: { version: 2, config: { max_event: 250 } } });
    expect(runtime.calls).toContain('update upd');
    const mismatch = await call('PUT', '/consumers/upd', { json: body('other') });
    expect(mismatch).toMatchObject({ status: 400, body: { fields: [{ field: 'consumer_id', received: 'other' }] } });
    expect((await call('PUT', '/consumers/upd', { json: body('upd', { max_time: -3 }) })).body.fields[0].field).toBe('max_time');
    expect((await call('PUT', '/consumers/nobody', { json: body('nobody') })).status).toBe(404);
  });

  it('pauses and resumes through REST, the engine following, on API and file consumers alike', async () => {
    await call('POST', '/consumers', { json: body('pr') });
    expect(await call('POST', '/consumers/pr/pause')).toMatchObject({ status: 200, body: { paused: true } });
    expect(runtime.running.get('pr')?.paused).toBe(true);
    expect((await call('GET', '/consumer/info/pr', { token: READ_TOKEN })).body).toMatchObject({ paused: true, runtime: { state: 'paused' } });
    expect(await call('POST', '/consumers/pr/resume')).toMatchObject({ status: 200, body: { paused: false } });
    expect(runtime.running.get('pr')?.paused).toBe(false);
    expect((await call('POST', '/consumers/from-file/pause')).status).toBe(200);
    expect(runtime.calls).toContain('pause from-file');
    expect((await call('POST', '/consumers/from-file/resume')).status).toBe(200);
  });

  it('deletes a consumer: the engine removes it and it is 404 afterwards', async () => {
    await call('POST', '/consumers', { json: body('gone') });
    expect((await call('DELETE', '/consumers/gone')).status).toBe(204);
    expect(runtime.calls).toContain('remove gone');
    expect((await call('GET', '/consumer/info/gone', { token: READ_TOKEN })).status).toBe(404);
    expect((await call('DELETE', '/consumers/gone')).status).toBe(404);
  });

  it.each([
    ['GET', '/consumer/info/nobody'],
    ['GET', '/consumers/nobody'],
    ['GET', '/consumers/nobody/triggers'],
    ['DELETE', '/consumers/nobody'],
    ['POST', '/consumers/nobody/pause'],
    ['POST', '/consumers/nobody/resume'],
    ['GET', '/consumer/info/not%20an%20id'],
  ])('answers 404 for an unknown consumer: %s %s', async (method, path) => {
    expect(await call(method, path)).toMatchObject({ status: 404, body: { error: 'not found' } });
  });

  it('pages the trigger history from Postgres, newest first, and refuses a bad page parameter', async () => {
    await call('POST', '/consumers', { json: body('hist') });
    const history = new TriggerHistoryStore(prisma);
    for (let n = 1; n <= 3; n++) {
      await history.record({
        jobId: `hist-i-w${n}`, consumerId: 'hist', topic: 'orders', groupId: 'g', pipelineName: 'index-orders', connectionId: 'pg-main', jobType: 'async',
        reason: 'count', eventCount: 100, windowStartedAt: new Date(n * 1000), windowEndedAt: new Date(n * 1000 + 500), offsets: { '0': { first: '0', last: '99' } }, triggeredAt: new Date(n * 1000 + 600),
      });
    }
    await history.setStatus('hist-i-w3', { status: 'failed', at: new Date(), failureReason: 'pipeline down', attemptsMade: 1 });
    const first = await call('GET', '/consumers/hist/triggers?limit=2', { token: READ_TOKEN });
    expect(first.body.items.map((t: { job_id: string }) => t.job_id)).toEqual(['hist-i-w3', 'hist-i-w2']);
    expect(first.body.items[0]).toMatchObject({ status: 'failed', failure_reason: 'pipeline down', reason: 'count', offsets: { '0': { first: '0', last: '99' } } });
    const second = await call('GET', `/consumers/hist/triggers?limit=2&before=${first.body.next_cursor}`, { token: READ_TOKEN });
    expect(second.body).toEqual({ items: [expect.objectContaining({ job_id: 'hist-i-w1' })], next_cursor: null });
    expect((await call('GET', '/consumer/info/hist', { token: READ_TOKEN })).body.last_trigger).toMatchObject({ job_id: 'hist-i-w3', status: 'failed' });
    // Its last trigger was long ago (1970): with the idle alert on, it is alerting.
    await call('PUT', '/consumers/hist', { json: body('hist', { max_time: 60, monitoring: { alert_after_idle_windows: 2 } }) });
    expect((await call('GET', '/consumer/info/hist', { token: READ_TOKEN })).body.idle_alert).toMatchObject({ alert_after_idle_windows: 2, alerting: true });
    for (const query of ['limit=0', 'limit=501', 'limit=ten', 'before=abc']) {
      const refused = await call('GET', `/consumers/hist/triggers?${query}`, { token: READ_TOKEN });
      expect(refused).toMatchObject({ status: 400, body: { error: 'invalid query', fields: [{ field: query.split('=')[0] }] } });
    }
  });

  describe('access', () => {
    it('asks for a token with 401 and WWW-Authenticate', async () => {
      const response = await call('GET', '/consumers', { token: null });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="pipeline-trigger"/);
      expect((await call('POST', '/consumers', { token: 'not-a-valid-token-at-all', json: body('x') })).status).toBe(401);
    });

    it('lets a read token read but not change (403)', async () => {
      expect((await call('GET', '/consumers', { token: READ_TOKEN })).status).toBe(200);
      for (const [method, path] of [['POST', '/consumers/from-file/pause'], ['POST', '/consumers/from-file/resume'], ['DELETE', '/consumers/from-file'], ['PUT', '/consumers/from-file']]) {
        expect((await call(method, path, { token: READ_TOKEN, json: body('from-file') })).status).toBe(403);
      }
      expect((await call('POST', '/consumers', { token: READ_TOKEN, json: body('ro') })).status).toBe(403);
      expect(runtime.calls).not.toContain('start ro');
    });

    it('takes JWTs with the pipelines scopes', async () => {
      const reader = signHs256Jwt({ sub: 'dash', scope: 'pipelines:read' }, JWT_SECRET);
      const writer = signHs256Jwt({ sub: 'ops', scope: 'openid pipelines:write' }, JWT_SECRET);
      const other = signHs256Jwt({ sub: 'mon', scope: 'monitor:read' }, JWT_SECRET);
      expect((await call('GET', '/consumers', { token: reader })).status).toBe(200);
      expect((await call('POST', '/consumers', { token: reader, json: body('jwt') })).status).toBe(403);
      expect((await call('GET', '/consumers', { token: other })).status).toBe(403);
      expect((await call('POST', '/consumers', { token: writer, json: body('jwt') })).status).toBe(201);
    });

    it('keeps /health and /metrics open', async () => {
      for (const path of ['/health/live', '/health/ready', '/metrics']) expect((await fetch(`${service.baseUrl}${path}`)).status).toBe(200);
    });
  });

  it('restarts with every stored consumer, paused ones paused, and nothing deleted comes back', async () => {
    await call('POST', '/consumers', { json: body('survivor') });
    await call('POST', '/consumers', { json: body('sleeper') });
    await call('POST', '/consumers/sleeper/pause');
    await call('POST', '/consumers', { json: body('deleted') });
    await call('DELETE', '/consumers/deleted');
    expect(await service.sigterm()).toBe(0);

    runtime = new RecordingRuntime();
    service = await startConsumerApi({ env, runtime, fileConsumers: [fileConsumer] });
    expect(runtime.calls).toEqual(expect.arrayContaining(['start survivor', 'start sleeper paused', 'start from-file']));
    expect(runtime.calls).not.toContain('start deleted');
    expect((await call('GET', '/consumer/info/survivor', { token: READ_TOKEN })).body).toMatchObject({ running: true, source: 'api' });
  });

  it('applies a change made through another replica at its next sync', async () => {
    const otherRuntime = new RecordingRuntime();
    const other = await startConsumerApi({ env, runtime: otherRuntime, fileConsumers: [fileConsumer] });
    try {
      await call('POST', '/consumers', { json: body('via-a') });
      await waitFor(() => otherRuntime.calls.includes('start via-a'), { what: 'the other replica to start via-a' });
      await call('POST', '/consumers/via-a/pause');
      await waitFor(() => otherRuntime.running.get('via-a')?.paused, { what: 'the other replica to pause via-a' });
      await call('DELETE', '/consumers/via-a');
      await waitFor(() => otherRuntime.calls.includes('remove via-a'), { what: 'the other replica to remove via-a' });
    } finally {
      await other.sigterm();
    }
  });

  it('retries a consumer the engine could not start at the next sync', async () => {
    runtime.failNextStart = true;
    expect((await call('POST', '/consumers', { json: body('flaky') })).status).toBe(201);
    await waitFor(() => runtime.calls.includes('start flaky'), { what: 'the retried start' });
  });
});
