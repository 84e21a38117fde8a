import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signHs256Jwt } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';
import { BrokerProcess, createTestDatabase, FakeKubectl, freePort, ServiceProcess, startBrokerProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import type { Consumer } from 'kafkajs';

const VERIFY = path.resolve(__dirname, '../scripts/verify');
const READ_TOKEN = 'verify-all-read-token-0123456789';
const SSE_SECRET = 'verify-all-sse-secret-0123456789abcdef';

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('bash', [path.join(VERIFY, script), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

/**
 * scripts/verify/broker.sh, event-router.sh and all.sh against every app as a real process (built output) on
 * the local Redis and Postgres and our broker, each on its own streams, queue prefix and ports: what passes,
 * what a stopped service or a missing token looks like, and the --namespace mode through a fake kubectl.
 */
describe('the verify scripts against running services', () => {
  const p = uniqueName('verify-all');
  const shards = [0, 1].map((n) => `${p}:chat:${n}`);
  const topic = `${p}-orders`;
  const groupId = `${p}-readers`;
  const processes: ServiceProcess[] = [];
  const sseToken = signHs256Jwt({ sub: 'verify', exp: Math.floor(Date.now() / 1000) + 3600, jobs: [], channels: ['alerts'] }, SSE_SECRET);
  let brokerHttp = '';
  let broker: BrokerProcess;
  let db: TestDatabase;
  let consumer: Consumer;
  let router: ServiceProcess;
  const base: Record<'router' | 'monitor' | 'trigger' | 'chat', string> = { router: '', monitor: '', trigger: '', chat: '' };
  // What every script reads from the environment, pointed at this test's names.
  let env: Record<string, string>;

  async function start(app: string, appEnv: Record<string, string>): Promise<string> {
    const service = new ServiceProcess(app, { HTTP_PORT: '0', ...appEnv });
    processes.push(service);
    const url = `http://127.0.0.1:${await service.httpPort()}`;
    await waitFor(async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, { what: `${app} ready`, timeoutMs: 40_000 });
    return url;
  }

  beforeAll(async () => {
    const httpPort = await freePort();
    brokerHttp = `http://127.0.0.1:${httpPort}`;
    [broker, db] = await Promise.all([startBrokerProcess({ BROKER_GROUP_LOG_FSYNC: 'false', BROKER_HTTP_PORT: String(httpPort) }), createTestDatabase()]);
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    consumer = broker.kafka.consumer({ groupId, sessionTimeout: 6000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });

    const redis = { CHAT_EVENT_STREAMS: shards.join(','), CHAT_DLQ_STREAM: `${p}:dlq` };
    const api = { API_READ_TOKENS: READ_TOKEN, DATABASE_URL: db.url, KAFKA_BROKERS: broker.bootstrap };
    [base.router, base.monitor, base.trigger, base.chat] = await Promise.all([
      start('event-router', { ...redis, SSE_JWT_SECRET: SSE_SECRET, ALERTS_STREAM: `${p}:alerts`, PIPELINE_TRIGGERS_STREAM: `${p}:triggers`, ROUTED_KEY_PREFIX: `${p}:routed:` }),
      start('monitor-api', { ...api, REDIS_STREAM_PATTERN: `${p}:*`, ALERTS_STREAM: `${p}:alerts`, GROUP_EVENTS_STREAM: `${p}:group-events`, SWEEP_INTERVAL_MS: '1000' }),
      start('pipeline-trigger', { ...api, PIPELINE_QUEUE_PREFIX: `{${p}}`, PIPELINE_TRIGGERS_STREAM: `${p}:triggers` }),
      start('chat-consumer', { ...redis, DATABASE_URL: db.url }),
    ]);
    router = processes[0];
    await waitFor(async () => ((await (await fetch(`${brokerHttp}/consumer-groups/${groupId}`)).json()) as { state?: string }).state === 'Stable', {
      what: `group ${groupId} stable`,
      timeoutMs: 20_000,
    });
    env = { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: db.url, KAFKA_BROKERS: broker.bootstrap, CHAT_EVENT_STREAMS: shards.join(','), CHAT_DLQ_STREAM: `${p}:dlq`, PIPELINE_QUEUE_PREFIX: `{${p}}` };
  }, 90_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await Promise.all(processes.map((service) => service.stop('SIGTERM')));
    await broker?.stop();
    await db?.drop();
    // Every Redis key this test's services made carries its unique name: streams, groups' routed keys, the queue.
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `*${p}*`, count: 1000 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }, 30_000);

  it('broker.sh passes: health, Kafka metadata, __consumer_offsets, the group as /consumer-groups shows it', async () => {
    const { code, out } = await run('broker.sh', ['--url', brokerHttp, '--expect-topic', topic, '--expect-group', groupId], env);
    expect(out).toContain('PASS  /health/ready');
    expect(out).toContain(`PASS  Kafka metadata from ${broker.bootstrap}: broker(s) id 0 at ${broker.bootstrap}`);
    expect(out).toMatch(/(PASS {2}__consumer_offsets present \(\d+ partitions\)|INFO {2}__consumer_offsets not reported)/);
    expect(out).toContain(`PASS  topic ${topic} exists (2 partitions)`);
    expect(out).toMatch(new RegExp(`\\n {2}${groupId} +Stable +consumer +\\S+ +\\d+ +1\\n`));
    expect(out).toMatch(new RegExp(`PASS {2}group ${groupId}: Stable, generation \\d+, 1 member\\(s\\); 2 partition\\(s\\) assigned`));
    expect(out).toContain('PASS  /metrics');
    expect(out).toContain('all checks passed');
    expect(code).toBe(0);
  });

  it('event-router.sh passes: health, an SSE stream with the token, its group on every shard, metrics', async () => {
    const { code, out } = await run('event-router.sh', ['--url', base.router, '--sse-seconds', '1'], { ...env, EVENT_ROUTER_TOKEN: sseToken });
    expect(out).toContain('PASS  /health/ready');
    expect(out).toMatch(/PASS {2}SSE \/events\/channels\/alerts: 200 text\/event-stream.*\(first line: retry: \d+\)/);
    for (const shard of shards) {
      expect(out).toMatch(new RegExp(`PASS {2}${shard}: group exists \\(consumers 1, pending 0, lag 0\\)`));
      expect(out).toContain(`PASS  ${shard}: no entry pending longer than 20000 ms`);
    }
    expect(out).toContain('PASS  /metrics');
    expect(out).toContain('all checks passed');
    expect(code).toBe(0);
  });

  it('all.sh runs the five scripts with the shared options and passes, with a summary table', async () => {
    // A job's first event on every shard, as the users' producer writes it: chat-consumer.sh counts a consumer
    // alive when Redis delivered to it recently, and on Redis before 7.2 an idle read does not count.
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      const producer = new RedisStreamsClient(redis);
      for (const [n, shard] of shards.entries()) await producer.add(shard, { stage: 'queued', status: 'running', progress: 0, job_id: `${p}-job-${n}` });
    } finally {
      redis.disconnect();
    }
    const { code, out } = await run(
      'all.sh',
      ['--token', READ_TOKEN, '--sse-token', sseToken, '--broker-url', brokerHttp, '--chat-consumer-url', base.chat, '--event-router-url', base.router, '--pipeline-trigger-url', base.trigger, '--monitor-api-url', base.monitor],
      env,
    );
    expect(out).toContain('=== monitor-api: scripts/verify/monitor-api.sh --url');
    expect(out).toContain('--token <token>');
    expect(out).not.toContain(READ_TOKEN);
    for (const service of ['broker', 'chat-consumer', 'event-router', 'pipeline-trigger', 'monitor-api']) {
      expect(out).toMatch(new RegExp(`\\n${service} +PASS +all checks passed\\n`));
    }
    expect(out).toMatch(/all services passed\n$/);
    expect(code).toBe(0);
  }, 90_000);

  it('chat-consumer.sh accepts consumers Redis saw long ago while nothing waits for them, and fails when entries do', async () => {
    // --alive-ms 1: no consumer counts as seen recently, as on a quiet system with Redis before 7.2.
    const quiet = await run('chat-consumer.sh', ['--http-url', base.chat, '--alive-ms', '1'], env);
    expect(quiet.out).toContain('PASS  no consumer of chat-persistence seen within 1 ms, but nothing is waiting for one (lag 0, nothing pending on every shard)');
    expect(quiet.code).toBe(0);

    // A group nobody consumes, with entries to deliver: the same check fails.
    const redis = new Redis('redis://127.0.0.1:6379');
    const idleGroup = `${p}-nobody`;
    try {
      for (const shard of shards) await redis.xgroup('CREATE', shard, idleGroup, '0');
      const stuck = await run('chat-consumer.sh', ['--http-url', base.chat, '--alive-ms', '1'], { ...env, CONSUMER_GROUP: idleGroup });
      expect(stuck.out).toContain(`FAIL  no consumer of ${idleGroup} seen within 1 ms`);
      expect(stuck.code).toBe(1);
    } finally {
      for (const shard of shards) await redis.xgroup('DESTROY', shard, idleGroup);
      redis.disconnect();
    }
  });

  it('runs broker.sh and event-router.sh in --namespace mode through kubectl (port-forward, exec)', async () => {
    const brokerKubectl = FakeKubectl.create({ localPort: Number(new URL(brokerHttp).port), remotePort: 9644, execEnv: { KAFKA_BROKERS: broker.bootstrap } });
    const wrapperDir = mkdtempSync(path.join(tmpdir(), 'kubectl-kafka-'));
    const routerKubectl = FakeKubectl.create({ localPort: Number(new URL(base.router).port), remotePort: 3001, execEnv: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      const brokerRun = await run('broker.sh', ['--namespace', 'streaming-test', '--kafka-exec', 'deploy/toolbox', '--expect-group', groupId], { PATH: brokerKubectl.path });
      expect(brokerRun.out).toContain('PASS  statefulset broker ready replicas 2/2');
      expect(brokerRun.out).toContain(`PASS  Kafka metadata from KAFKA_BROKERS in deploy/toolbox: broker(s) id 0 at ${broker.bootstrap}`);
      expect(brokerRun.out).toMatch(new RegExp(`PASS {2}group ${groupId}: Stable`));
      expect(brokerRun.out).toContain('all checks passed');
      expect(brokerRun.code).toBe(0);
      expect(brokerKubectl.calls()).toContain('-n streaming-test port-forward svc/broker :9644');
      expect(brokerKubectl.calls()).toContain('-n streaming-test exec deploy/toolbox -- sh -c');

      // Without --kafka-exec, kcat goes through a second port-forward, to the Kafka port: FakeKubectl forwards
      // every port to one, so a wrapper in front of it answers that one with the broker's Kafka port.
      const fakeDir = brokerKubectl.path.split(':')[0];
      writeFileSync(
        path.join(wrapperDir, 'kubectl'),
        `#!/usr/bin/env bash
if [ "$3 $4 $5" = "port-forward svc/broker :9092" ]; then
  echo "$*" >> ${path.join(fakeDir, 'calls.log')}
  echo "Forwarding from 127.0.0.1:${broker.bootstrap.split(':')[1]} -> 9092"
  exec sleep 30
fi
exec ${path.join(fakeDir, 'kubectl')} "$@"
`,
        { mode: 0o755 },
      );
      const forwarded = await run('broker.sh', ['--namespace', 'streaming-test', '--expect-topic', topic], { PATH: `${wrapperDir}:${brokerKubectl.path}` });
      expect(forwarded.out).toMatch(/PASS {2}Kafka metadata from 127\.0\.0\.1:\d+: broker\(s\) id 0/);
      expect(forwarded.out).toContain(`PASS  topic ${topic} exists (2 partitions)`);
      expect(forwarded.out).toContain('all checks passed');
      expect(forwarded.code).toBe(0);
      expect(brokerKubectl.calls()).toContain('-n streaming-test port-forward svc/broker :9092');

      const routerRun = await run('event-router.sh', ['--namespace', 'streaming-test', '--token', sseToken, '--sse-seconds', '1'], { CHAT_EVENT_STREAMS: shards.join(','), PATH: routerKubectl.path });
      expect(routerRun.out).toContain('PASS  deployment event-router ready replicas 2/2');
      expect(routerRun.out).toMatch(/PASS {2}SSE \/events\/channels\/alerts: 200 text\/event-stream/);
      expect(routerRun.out).toContain(`PASS  ${shards[0]}: group exists`);
      expect(routerRun.out).toContain('all checks passed');
      expect(routerRun.code).toBe(0);
      const calls = routerKubectl.calls();
      expect(calls).toContain('-n streaming-test port-forward svc/event-router :3001');
      expect(calls).toContain(`XINFO GROUPS ${shards[0]}`);

      // all.sh hands --namespace and the token on (the other four left out: this kubectl forwards to one port).
      const skipOthers = ['broker', 'chat-consumer', 'pipeline-trigger', 'monitor-api'].flatMap((service) => ['--skip', service]);
      const allRun = await run('all.sh', ['--namespace', 'streaming-test', '--sse-token', sseToken, ...skipOthers], { CHAT_EVENT_STREAMS: shards.join(','), PATH: routerKubectl.path });
      expect(allRun.out).toContain('=== event-router: scripts/verify/event-router.sh --namespace streaming-test --token <token>');
      expect(allRun.out).toMatch(/\nevent-router +PASS +all checks passed\n/);
      expect(allRun.out).toMatch(/all services passed\n$/);
      expect(allRun.code).toBe(0);
    } finally {
      brokerKubectl.remove();
      routerKubectl.remove();
      rmSync(wrapperDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails each check with a line saying what is wrong, and refuses bad usage with 2', async () => {
    const noToken = await run('event-router.sh', ['--url', base.router, '--sse-seconds', '1'], env);
    expect(noToken.out).toMatch(/FAIL {2}SSE \/events\/channels\/alerts: HTTP 401 .*--token or EVENT_ROUTER_TOKEN/);
    expect(noToken.code).toBe(1);
    const missing = await run('broker.sh', ['--url', brokerHttp, '--expect-group', 'no-such-group', '--expect-topic', 'no-such-topic'], env);
    expect(missing.out).toContain('FAIL  topic no-such-topic is not in the broker\'s metadata');
    expect(missing.out).toMatch(/FAIL {2}group no-such-group: HTTP 404 .*has a consumer with group.id no-such-group joined/);
    expect(missing.out).toMatch(/2 check\(s\) failed\n$/);
    expect(missing.code).toBe(1);
    for (const [script, args] of [['broker.sh', ['--timeout', 'soon']], ['event-router.sh', ['--channel', 'jobs']], ['all.sh', ['--skip', 'nobody']], ['all.sh', ['--bogus']]] as const) {
      expect((await run(script, [...args], env)).code).toBe(2);
    }
  }, 60_000);

  it('fails event-router.sh and all.sh once the router is stopped', async () => {
    await router.stop('SIGTERM');
    const alone = await run('event-router.sh', ['--url', base.router, '--token', sseToken, '--sse-seconds', '1'], env);
    expect(alone.out).toMatch(/FAIL {2}\/health\/live: curl: \(7\)/);
    expect(alone.out).toMatch(/FAIL {2}SSE \/events\/channels\/alerts: curl: \(7\)/);
    expect(alone.code).toBe(1);
    const all = await run('all.sh', ['--token', READ_TOKEN, '--sse-token', sseToken, '--broker-url', brokerHttp, '--event-router-url', base.router, '--skip', 'chat-consumer', '--skip', 'pipeline-trigger', '--skip', 'monitor-api'], env);
    expect(all.out).toMatch(/\nbroker +PASS +all checks passed\n/);
    expect(all.out).toMatch(/\nevent-router +FAIL +\d+ check\(s\) failed: \/health\/live: curl: \(7\)/);
    expect(all.out).toMatch(/\nmonitor-api +SKIP/);
    expect(all.out).toMatch(/1 service\(s\) failed\n$/);
    expect(all.code).toBe(1);
  }, 60_000);
});
