import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { BrokerProcess, chatDoneEvent, createTestDatabase, ServiceProcess, startBrokerProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { BrowserContext, chromium, Page } from 'playwright-core';

/**
 * Every app as a real process (built output) on real Redis, Postgres and our broker, and the paths a user
 * follows through them: a chat job from its shard to a browser over SSE and into Postgres; Kafka events to
 * pipeline triggers, BullMQ jobs and the SSE `pipelines` channel; monitor-api reading all of their groups; and a
 * stopped chat-consumer seen as stuck by monitor-api, its alert reaching the SSE `alerts` channel and the
 * dashboard, then resolved once it runs again. Screenshots go to tmp/screenshots/.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = path.resolve(__dirname, '../tmp/screenshots');
const MAX_EVENT = 10;

interface ChannelEvent {
  channel: string;
  event: string;
  data: Record<string, unknown>;
}

interface GroupView {
  group_id: string;
  total_lag: number | null;
  topics: string[];
  stuck_count?: number;
}

describe('the whole system, every app a process', () => {
  const p = uniqueName('e2e-all');
  const shards = [0, 1, 2, 3].map((n) => `${p}:chat:${n}`);
  const topic = `${p}-orders`;
  const consumerId = `${p}-orders-sync`;
  const queuePrefix = `{${p}}`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const processes: ServiceProcess[] = [];
  let broker: BrokerProcess;
  let db: TestDatabase;
  let pg: Client;
  let queue: Queue;
  /** BullMQ leaves a connection it was handed open. */
  let queueConnection: Redis;
  let userDataDir: string;
  let browser: BrowserContext;
  let chatConsumer: ServiceProcess;
  const base: Record<'router' | 'monitor' | 'trigger', string> = { router: '', monitor: '', trigger: '' };

  const commonRedis = { CHAT_EVENT_STREAMS: shards.join(','), CHAT_DLQ_STREAM: `${p}:dlq` };
  const chatConsumerEnv = () => ({ ...commonRedis, DATABASE_URL: db.url, HTTP_PORT: '0', FLUSH_INTERVAL_MS: '100', BATCH_SIZE: '20' });

  async function start(app: string, env: Record<string, string>): Promise<ServiceProcess> {
    const service = new ServiceProcess(app, env);
    processes.push(service);
    const port = await service.httpPort();
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200, { what: `${app} ready`, timeoutMs: 30_000 });
    return service;
  }

  const url = async (service: ServiceProcess) => `http://127.0.0.1:${await service.httpPort()}`;
  const getJson = async <T>(target: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(target);
    return { status: res.status, body: (await res.json()) as T };
  };
  const groups = async (clusterId: string) => (await getJson<{ items: GroupView[] }>(`${base.monitor}/api/v1/consumers/groups?cluster_id=${clusterId}&page_size=500`)).body.items;
  const channelEvents = (page: Page) => page.evaluate(() => (globalThis as unknown as { __channels: ChannelEvent[] }).__channels);
  const chatDone = (jobId: string) => chatDoneEvent(jobId, { chatId: `${p}-chat` });
  const addChat = (event: { job_id: string }) => new RedisStreamsClient(redis).add(shards[shardForJob(event.job_id, shards.length)], event);
  const messagesOf = async (like: string) => Number((await pg.query<{ n: string }>('SELECT COUNT(*) AS n FROM chat.messages WHERE job_id LIKE $1', [like])).rows[0].n);

  beforeAll(async () => {
    [broker, db] = await Promise.all([startBrokerProcess(), createTestDatabase()]);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();

    const [router, monitor, trigger, chat] = await Promise.all([
      start('event-router', {
        ...commonRedis,
        HTTP_PORT: '0',
        SSE_AUTH_DISABLED: 'true',
        ALERTS_STREAM: `${p}:alerts`,
        PIPELINE_TRIGGERS_STREAM: `${p}:triggers`,
        ROUTED_KEY_PREFIX: `${p}:routed:`,
      }),
      start('monitor-api', {
        HTTP_PORT: '0',
        KAFKA_BROKERS: broker.bootstrap,
        DATABASE_URL: db.url,
        API_AUTH_DISABLED: 'true',
        REDIS_STREAM_PATTERN: `${p}:chat:*`,
        ALERTS_STREAM: `${p}:alerts`,
        GROUP_EVENTS_STREAM: `${p}:group-events`,
        SWEEP_INTERVAL_MS: '500',
        // Three seconds of commit history decide a verdict, so a stopped consumer is seen as stuck within seconds.
        STUCK_DETECTION_WINDOW: '3',
      }),
      start('pipeline-trigger', {
        HTTP_PORT: '0',
        KAFKA_BROKERS: broker.bootstrap,
        DATABASE_URL: db.url,
        API_AUTH_DISABLED: 'true',
        PIPELINE_QUEUE_PREFIX: queuePrefix,
        PIPELINE_TRIGGERS_STREAM: `${p}:triggers`,
      }),
      start('chat-consumer', chatConsumerEnv()),
    ]);
    chatConsumer = chat;
    base.router = await url(router);
    base.monitor = await url(monitor);
    base.trigger = await url(trigger);
    queueConnection = redis.duplicate();
    queue = new Queue('pipelines', { connection: queueConnection, prefix: queuePrefix });

    userDataDir = await mkdtemp(path.join(tmpdir(), 'e2e-all-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(processes.map((service) => service.stop('SIGTERM')));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    queueConnection?.disconnect();
    await broker?.stop();
    await pg?.end();
    await db?.drop();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    const keys = await redis.keys(`${p}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }, 60_000);

  it('carries chat jobs, Kafka triggers and governance alerts through every service to the browser', async () => {
    // The SSE demo page follows one chat job; the same page also listens on both channels.
    const jobId = `${p}-job-browser`;
    const page = await browser.newPage();
    await page.goto(`${base.router}/?job=${jobId}`);
    await page.waitForFunction(() => (globalThis as unknown as { __opens: number }).__opens === 1);
    await page.evaluate(() => {
      const sink: ChannelEvent[] = [];
      (globalThis as unknown as { __channels: ChannelEvent[] }).__channels = sink;
      const names: Record<string, string[]> = {
        pipelines: ['trigger'],
        alerts: ['slo_violation', 'stuck_partition', 'lag_spike', 'rebalance_instability', 'unfair_distribution', 'consumer.slo_violated', 'consumer.lag_spike', 'consumer.rebalanced'],
      };
      for (const [channel, events] of Object.entries(names)) {
        const source = new EventSource(`/events/channels/${channel}`);
        for (const event of events) source.addEventListener(event, (e) => sink.push({ channel, event, data: JSON.parse((e as unknown as { data: string }).data) as Record<string, unknown> }));
      }
    });

    // Chat: progress and done on the job's shard → the page shows the answer, Postgres holds both messages.
    for (const stage of ['queued', 'thinking', 'retrieving', 'generating']) await addChat({ stage, status: 'running', progress: 25, job_id: jobId } as { job_id: string });
    await addChat(chatDone(jobId));
    await page.locator('#status', { hasText: 'job finished' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#answer').textContent()).toBe(`answer to ${jobId}`);
    expect(await page.locator('#events tr td:nth-child(2)').allTextContents()).toEqual(['queued', 'thinking', 'retrieving', 'generating', 'done']);
    await waitFor(async () => (await messagesOf(jobId)) === 2, { what: 'the job\'s two messages in Postgres' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'whole-system-sse-page.png'), fullPage: true });

    // Kafka: a consumer counting to 10, 30 events → exactly three windows, three BullMQ jobs, three triggers over SSE.
    const created = await fetch(`${base.trigger}/consumers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer_id: consumerId, kafka_topic: topic, pipeline_name: 'e2e-etl', connection_id: 'warehouse', max_event: MAX_EVENT, max_time: 3600, auto_offset_reset: 'earliest' }),
    });
    expect(created.status).toBe(201);
    const producer = broker.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: `order-${i}`, value: JSON.stringify({ order: i }) })) });
    await producer.disconnect();
    await waitFor(async () => (await channelEvents(page)).filter((e) => e.channel === 'pipelines').length >= 3, { what: 'three triggers on the SSE pipelines channel', timeoutMs: 30_000 });
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
    expect(jobs.map((job) => job.id).sort()).toEqual((await channelEvents(page)).filter((e) => e.channel === 'pipelines').map((e) => e.data.job_id).sort());
    expect(jobs.map((job) => (job.data as { event_count: number }).event_count)).toEqual([MAX_EVENT, MAX_EVENT, MAX_EVENT]);
    const overview = await browser.newPage();
    await overview.goto(`${base.monitor}/`);
    await overview.getByText(`pipeline-trigger-${topic}`).first().waitFor({ timeout: 20_000 });
    await overview.screenshot({ path: path.join(SCREENSHOTS, 'whole-system-dashboard-overview.png'), fullPage: true });

    // monitor-api: pipeline-trigger's Kafka group caught up, chat-consumer's and event-router's Redis groups too.
    const kafkaGroup = `pipeline-trigger-${topic}`;
    await waitFor(async () => (await groups('local')).find((g) => g.group_id === kafkaGroup)?.total_lag === 0, { what: `${kafkaGroup} listed with lag 0`, timeoutMs: 20_000 });
    await waitFor(async () => {
      const redisGroups = await groups('redis');
      return ['chat-persistence', 'eventrouter'].every((id) => {
        const group = redisGroups.find((g) => g.group_id === id);
        return group?.total_lag === 0 && shards.every((shard) => group.topics.includes(shard));
      });
    }, { what: 'chat-persistence and eventrouter listed over the four shards with lag 0', timeoutMs: 20_000 });

    // chat-consumer stops; events keep coming: its group is stuck, an alert opens and reaches the browser.
    expect((await chatConsumer.stop('SIGTERM')).code).toBe(0);
    for (let i = 0; i < 20; i++) await addChat(chatDone(`${p}-job-late-${i}`));
    const health = async () => (await getJson<{ stuck_count: number }>(`${base.monitor}/api/v1/consumers/groups/chat-persistence/health?cluster_id=redis`)).body;
    await waitFor(async () => (await health()).stuck_count > 0, { what: 'chat-persistence reported stuck', timeoutMs: 30_000 });
    const opened = await waitFor(async () => (await channelEvents(page)).find((e) => e.channel === 'alerts' && e.data.group_id === 'chat-persistence' && e.data.lifecycle === 'opened'), {
      what: 'an alert for chat-persistence on the SSE alerts channel',
      timeoutMs: 30_000,
    });
    const dashboard = await browser.newPage();
    // The overview of the Redis cluster lists the alert among the firing ones; the group's page shows why.
    await dashboard.goto(`${base.monitor}/#/?cluster_id=redis`);
    await dashboard.locator(`#alerts-table tr[data-alert="${String(opened.data.id)}"]`).waitFor({ timeout: 20_000 });
    await dashboard.goto(`${base.monitor}/#/groups/chat-persistence?cluster_id=redis`);
    await dashboard.getByText('STOP').first().waitFor({ timeout: 20_000 });
    await dashboard.screenshot({ path: path.join(SCREENSHOTS, 'whole-system-dashboard-alert.png'), fullPage: true });
    const firing = (await getJson<{ alerts: { id: string; group_id: string }[] }>(`${base.monitor}/api/v1/consumers/alerts?cluster_id=redis&group_id=chat-persistence`)).body.alerts;
    expect(firing.map((alert) => alert.id)).toContain(opened.data.id);

    // Running again, it catches up: the alert is resolved, in the API and on the SSE channel.
    await start('chat-consumer', chatConsumerEnv());
    await waitFor(async () => (await messagesOf(`${p}-job-late-%`)) === 40, { what: 'the 20 late events persisted' });
    await waitFor(async () => (await channelEvents(page)).some((e) => e.channel === 'alerts' && e.data.id === opened.data.id && e.data.lifecycle === 'resolved'), {
      what: 'the alert resolved on the SSE alerts channel',
      timeoutMs: 30_000,
    });
    await waitFor(async () => (await health()).stuck_count === 0, { what: 'chat-persistence no longer stuck', timeoutMs: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'whole-system-sse-page-after.png'), fullPage: true });
    // Still exactly three pipeline jobs: nothing above re-triggered a window.
    expect(await queue.getJobCountByTypes('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized')).toBe(3);
  }, 180_000);
});
