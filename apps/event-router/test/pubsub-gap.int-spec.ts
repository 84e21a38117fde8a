import { TcpProxy, waitFor } from '@app/testing';
import { doneEvent, RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

/**
 * Pub/Sub drops what is published while a subscriber is disconnected. A replica whose Redis
 * connection breaks must read that gap back from the routed stream when it reconnects, so its
 * clients (whose HTTP streams never broke) still get every event once, in order.
 */
describe('a replica that loses Redis for a while', () => {
  const fixture = new RouterFixture();
  let proxy: TcpProxy;

  beforeAll(async () => {
    const target = new URL(fixture.redisUrl);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
  });
  afterAll(async () => {
    await fixture.close();
    await proxy.close();
  });

  it('reads back what was announced while it was cut off', async () => {
    const routing = await fixture.startRouter();
    const serving = await fixture.startRouter({ REDIS_URL: proxy.rewrite(fixture.redisUrl) });
    const jobId = 'job-gap';
    const client = await SseTestClient.open(`${serving.baseUrl}/events/jobs/${jobId}`);

    const published: string[] = [];
    for (let i = 0; i < 5; i++) published.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId }));
    await waitFor(() => client.events.length === 5, { what: 'events before the cut' });

    proxy.cut();
    // Only the replica that still reaches Redis routes these; the cut one misses their announcements.
    for (let i = 5; i < 15; i++) published.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId }));
    await waitFor(async () => (await fixture.redis.xlen(`${fixture.routedPrefix}job:${jobId}`)) === 15, { what: 'routing by the other replica' });
    proxy.restore();

    await waitFor(() => client.events.length === 15, { what: 'the gap read back', timeoutMs: 15_000 });
    published.push(await fixture.publishChat(doneEvent(jobId)));
    await client.closed;
    expect(client.ids()).toEqual(published);
    expect(routing.port).not.toBe(serving.port);
  });
});
