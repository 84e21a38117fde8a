import { waitFor } from '@app/testing';
import { doneEvent, RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

/**
 * A replica's Pub/Sub connection dropped again and again (`CLIENT KILL TYPE pubsub`, as Sentinel
 * does to the clients of an instance it reconfigures) while events keep coming: each reconnect must
 * read the gap back only once the channels are subscribed again, or what is announced in between
 * is lost for good and the client's stream never ends.
 */
describe('a replica whose Pub/Sub connection is killed while events flow', () => {
  const fixture = new RouterFixture();

  afterAll(async () => {
    await fixture.close();
  });

  it('delivers every event once, in order, across 20 kills', async () => {
    await fixture.startRouter();
    const serving = await fixture.startRouter();
    const jobId = 'job-kills';
    const client = await SseTestClient.open(`${serving.baseUrl}/events/jobs/${jobId}`);

    const published: string[] = [];
    let kills = 0;
    const killer = setInterval(() => {
      kills++;
      void fixture.redis.call('CLIENT', 'KILL', 'TYPE', 'pubsub').catch(() => undefined);
    }, 50);
    try {
      for (let i = 0; i < 400 && kills < 20; i++) {
        published.push(await fixture.publishChat({ stage: 'token', progress: i % 100, job_id: jobId }));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } finally {
      clearInterval(killer);
    }
    published.push(await fixture.publishChat(doneEvent(jobId)));
    await waitFor(() => client.events.length >= published.length, { what: `all ${published.length} events (got ${client.events.length})`, timeoutMs: 20_000 });
    await client.closed;
    expect(client.ids()).toEqual(published);
  }, 60_000);
});
