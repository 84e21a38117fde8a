import { createRedisClient, redisTopologyFrom } from '@app/platform';
import { RedisSentinelSet, waitFor } from '@app/testing';
import { doneEvent, RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

/**
 * The master under event-router is killed with SIGKILL mid-job. Once the Sentinels promote the
 * replica, the router carries on by itself, and a browser that reconnects with `Last-Event-ID`
 * sees every event the producer had replicated (WAIT 1) or the new master acknowledged, exactly
 * once and in order.
 */
describe('event-router on Redis Sentinel', () => {
  let set: RedisSentinelSet;
  let fixture: RouterFixture;
  const clients: SseTestClient[] = [];

  beforeAll(async () => {
    set = await RedisSentinelSet.start();
    const producer = createRedisClient(redisTopologyFrom({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SENTINELS: set.sentinels.split(','), REDIS_SENTINEL_NAME: set.name, REDIS_SENTINEL_PASSWORD: undefined }), { maxRetriesPerRequest: 1 });
    producer.on('error', () => undefined);
    fixture = new RouterFixture(producer);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await fixture?.close();
    await set?.stop();
  });

  it('resumes every job stream exactly once after the master is killed and a replica promoted', async () => {
    const jobId = 'job-failover';
    const router = await fixture.startRouter({ REDIS_SENTINELS: set.sentinels, REDIS_SENTINEL_NAME: set.name });
    // Each probe bounded: waitFor times out between probes, not inside one that never answers.
    const ready = async () => (await fetch(`${router.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) })).status;
    const before = await SseTestClient.open(`${router.baseUrl}/events/jobs/${jobId}`);
    clients.push(before);

    const published: string[] = [];
    /**
     * Publishes until the write is acknowledged where the test requires: replicated before the crash, on the new
     * master after it. Bounded, so a producer that cannot write fails the test with its last error instead of
     * running into Jest's timeout without a word.
     */
    const publish = async (event: { stage: string; job_id: string; [field: string]: unknown }, replicated: boolean) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const id = await fixture.publishChat(event);
          if (replicated && ((await fixture.redis.call('WAIT', '1', '1000')) as number) < 1) throw new Error('not replicated');
          published.push(id);
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`could not publish ${JSON.stringify(event)} for 30 s: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };

    for (let i = 0; i < 20; i++) await publish({ stage: 'token', progress: i, job_id: jobId }, true);
    await waitFor(() => before.events.length === 20, { what: 'the first 20 events' });

    const oldMaster = await set.killMaster();
    await waitFor(async () => (await ready()) === 503, { what: 'not ready while no master answers', timeoutMs: 15_000 });
    await set.waitForPromotion(oldMaster);
    await waitFor(async () => (await ready()) === 200, { what: 'ready on the new master', timeoutMs: 30_000 });

    // The browser reconnects as EventSource does, with the last id it saw.
    before.close();
    const after = await SseTestClient.open(`${router.baseUrl}/events/jobs/${jobId}`, { 'Last-Event-ID': before.lastEventId ?? '' });
    clients.push(after);
    for (let i = 20; i < 40; i++) await publish({ stage: 'token', progress: i, job_id: jobId }, false);
    await publish(doneEvent(jobId), false);
    // The done event ends the stream; if it never comes, say what did.
    await Promise.race([
      after.closed,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`the resumed stream did not end within 30 s; published ${JSON.stringify(published)}, received ${JSON.stringify([...before.ids(), ...after.ids()])}`)), 30_000).unref(),
      ),
    ]);

    const received = [...before.ids(), ...after.ids()];
    expect(received).toEqual(published);
    expect(after.events.some((event) => event.event === 'reset')).toBe(false);
  }, 120_000);
});
