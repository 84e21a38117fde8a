import { execFile } from 'node:child_process';
import path from 'node:path';
import { PIPELINES_QUEUE } from '@app/domain';
import { createTestDatabase, FakeKubectl, TestDatabase, TestService, uniqueName } from '@app/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { startConsumerApi } from './support/consumer-api-service';
import { RecordingRuntime } from './support/recording-runtime';

const SCRIPT = path.resolve(__dirname, '../../../scripts/verify/pipeline-trigger.sh');
const READ_TOKEN = 'verify-read-token-0123456789';
const WRITE_TOKEN = 'verify-write-token-0123456789';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

/** scripts/verify/pipeline-trigger.sh in local mode against the consumer API, the users' count keys in Redis and a BullMQ queue. */
describe('scripts/verify/pipeline-trigger.sh (local mode)', () => {
  const prefix = `{${uniqueName('pt-verify')}}`;
  const running = uniqueName('running');
  const sleeper = uniqueName('sleeper');
  let db: TestDatabase;
  let runtime: RecordingRuntime;
  let service: TestService<unknown>;
  let redis: Redis;
  let queue: Queue;
  let args: string[];
  const env = { PIPELINE_API_TOKEN: READ_TOKEN, REDIS_URL: 'redis://127.0.0.1:6379' };

  const post = (urlPath: string, json?: unknown) =>
    fetch(`${service.baseUrl}${urlPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WRITE_TOKEN}`, ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    runtime = new RecordingRuntime();
    service = await startConsumerApi({ env: { DATABASE_URL: db.url, API_READ_TOKENS: READ_TOKEN, API_WRITE_TOKENS: WRITE_TOKEN }, runtime });
    for (const id of [running, sleeper]) {
      await post('/consumers', { consumer_id: id, kafka_topic: 'orders', pipeline_name: 'p', connection_id: 'c', max_event: 100, max_time: 60 });
    }
    await post(`/consumers/${sleeper}/pause`);
    redis = new Redis('redis://127.0.0.1:6379');
    await redis.set(`consumer:${running}:events`, '42');
    queue = new Queue(PIPELINES_QUEUE, { connection: redis, prefix });
    await queue.add('p', {}, { jobId: 'verify-1' });
    await queue.add('p', {}, { jobId: 'verify-2' });
    args = ['--url', service.baseUrl, '--queue-prefix', prefix];
  });

  afterAll(async () => {
    await service?.sigterm();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await redis?.del(`consumer:${running}:events`);
    redis?.disconnect();
    await db?.drop();
  });

  it('passes, listing each consumer with its count, state and last trigger, and the queue depth', async () => {
    const { code, out } = await run([...args, '--expect-consumer', running], env);
    expect(out).toContain(`PASS  consumer ${running} running`);
    expect(out).toContain(`INFO  consumer ${sleeper} is paused`);
    expect(out).toMatch(new RegExp(`${running}\\s+api\\s+running\\s+42\\s+none yet`));
    expect(out).toContain(`PASS  queue ${prefix}:pipelines: waiting 2, active 0, delayed 0, failed 0`);
    expect(out).toContain('all checks passed');
    expect(code).toBe(0);
  });

  it('runs the same checks in --namespace mode through kubectl (port-forward to the Service, redis-cli by exec)', async () => {
    const kubectl = FakeKubectl.create({ localPort: Number(new URL(service.baseUrl).port), remotePort: 3002, execEnv: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      const { code, out } = await run(['--namespace', 'streaming-test', '--queue-prefix', prefix, '--expect-consumer', running], { ...env, PATH: kubectl.path });
      expect(out).toContain('PASS  deployment pipeline-trigger ready replicas 2/2');
      expect(out).toMatch(new RegExp(`${running}\\s+api\\s+\\S+\\s+42`));
      expect(out).toContain(`PASS  queue ${prefix}:pipelines: waiting 2`);
      const calls = kubectl.calls();
      expect(calls).toContain('-n streaming-test port-forward svc/pipeline-trigger :3002');
      expect(calls).toContain(`-n streaming-test exec -i deploy/redis -- sh -c`);
      expect(calls).toContain(`GET consumer:${running}:events`);
      expect(out).toContain('all checks passed');
      expect(code).toBe(0);
    } finally {
      kubectl.remove();
    }
  });

  it.each([
    ['a consumer that is not running', () => runtime.running.delete(running), [], `FAIL  consumer ${running} not paused but not running`],
    ['too many waiting jobs', () => undefined, ['--max-waiting', '1'], `FAIL  queue ${prefix}:pipelines: 2 jobs waiting, more than 1`],
    ['a consumer that does not exist', () => undefined, ['--expect-consumer', 'nobody-here'], 'FAIL  consumer nobody-here does not exist'],
  ])('fails on %s, naming the check', async (_name, arrange, extra, line) => {
    arrange();
    const { code, out } = await run([...args, ...extra], env);
    expect(out).toContain(line);
    expect(code).toBe(1);
  });

  it('fails on a consumer past its idle alert', async () => {
    const idle = uniqueName('idle');
    await post('/consumers', { consumer_id: idle, kafka_topic: 'orders', pipeline_name: 'p', connection_id: 'c', max_event: 100, max_time: 1, monitoring: { alert_after_idle_windows: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { code, out } = await run(args, env);
    expect(out).toMatch(new RegExp(`FAIL  consumer ${idle}: no trigger for \\d+ windows \\(alert after 1\\)`));
    expect(code).toBe(1);
  });

  it('fails without a token, saying which scope to bring', async () => {
    const { code, out } = await run(args, { REDIS_URL: env.REDIS_URL });
    expect(out).toContain('PASS  /health/live');
    expect(out).toMatch(/FAIL {2}\/consumers: HTTP 401 .*pipelines:read/);
    expect(code).toBe(1);
  });

  it('fails when nothing answers, and refuses bad usage with 2', async () => {
    const nothing = await run(['--url', 'http://127.0.0.1:1'], env);
    expect(nothing.out).toContain('FAIL  /health/live');
    expect(nothing.code).toBe(1);
    expect((await run(['--max-waiting', 'lots'], env)).code).toBe(2);
    expect((await run(['--bogus'], env)).code).toBe(2);
  });
});
