import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { chatDoneEvent, ServiceProcess, uniqueName, waitFor } from '@app/testing';

/**
 * The demo page in a real headless Chromium: its EventSource receives a job's events, the
 * router process is stopped and started again on the same port, and the browser's own
 * reconnection (with Last-Event-ID) resumes the stream with every event exactly once.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface PageEvent {
  id: string;
  event: string;
  data: { progress?: number };
}

describe('event-router demo page in Chromium', () => {
  const prefix = uniqueName('er-e2e');
  const shards = [0, 1, 2, 3].map((n) => `${prefix}:chat:{${n}}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const producer = new RedisStreamsClient(redis);
  const routers: ServiceProcess[] = [];
  let userDataDir: string;
  let browser: BrowserContext;

  const startRouter = (port: number, consumer: string) => {
    const router = new ServiceProcess('event-router', {
      REDIS_URL: redisUrl,
      HTTP_PORT: String(port),
      SSE_AUTH_DISABLED: 'true',
      SSE_RETRY_MS: '300',
      CHAT_EVENT_STREAMS: shards.join(','),
      ALERTS_STREAM: `${prefix}:alerts`,
      PIPELINE_TRIGGERS_STREAM: `${prefix}:pipelines`,
      CHAT_DLQ_STREAM: `${prefix}:dlq`,
      ROUTED_KEY_PREFIX: `${prefix}:routed:`,
      CONSUMER_NAME: consumer,
    });
    routers.push(router);
    return router;
  };
  const publish = (event: Record<string, unknown> & { job_id: string }) => producer.add(shards[shardForJob(event.job_id, shards.length)], event);
  const received = (page: Page) => page.evaluate(() => (globalThis as unknown as { __events: PageEvent[] }).__events);

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(tmpdir(), 'er-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    for (const router of routers) router.kill('SIGKILL');
    await rm(userDataDir, { recursive: true, force: true });
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('renders a job live and resumes across a router restart with every event exactly once', async () => {
    const jobId = 'browser-job';
    const first = startRouter(0, 'e2e-router-1');
    const port = await first.httpPort();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/?job=${jobId}`);
    await page.waitForFunction(() => (globalThis as unknown as { __opens: number }).__opens === 1);

    const published: string[] = [];
    for (let i = 0; i < 10; i++) published.push(await publish({ stage: 'generating', progress: i, job_id: jobId }));
    await waitFor(async () => (await received(page)).length === 10, { what: 'the first 10 events in the page' });
    expect(await page.locator('#events tr').count()).toBe(10);

    first.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    for (let i = 10; i < 20; i++) published.push(await publish({ stage: 'generating', progress: i, job_id: jobId }));

    const second = startRouter(port, 'e2e-router-2');
    expect(await second.httpPort()).toBe(port);
    await page.waitForFunction(() => (globalThis as unknown as { __opens: number }).__opens >= 2, undefined, { timeout: 20_000 });
    for (let i = 20; i < 25; i++) published.push(await publish({ stage: 'generating', progress: i, job_id: jobId }));
    published.push(
      await publish(chatDoneEvent(jobId, { answer: 'forty-two' })),
    );

    await page.waitForFunction(() => (globalThis as unknown as { __events: PageEvent[] }).__events.some((e) => e.event === 'done'), undefined, { timeout: 20_000 });
    const events = await received(page);
    expect(events.map((e) => e.id)).toEqual(published);
    expect(events.map((e) => e.data.progress)).toEqual([...Array.from({ length: 25 }, (_, i) => i), 100]);
    expect(await page.evaluate(() => (globalThis as unknown as { __resets: number }).__resets)).toBe(0);
    expect(await page.locator('#answer').textContent()).toBe('forty-two');
    expect(await page.locator('#status').textContent()).toBe('job finished');

    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
