import { waitFor } from '@app/testing';
import { doneEvent, RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('a client that cannot keep up', () => {
  const fixture = new RouterFixture();

  afterAll(() => fixture.close());

  it('is disconnected and counted, while another client of the same job gets every event', async () => {
    // The test's clients share the router's event loop, so a burst (one read of up to 100 entries) must fit the limit.
    const router = await fixture.startRouter({ SSE_MAX_BUFFERED_BYTES: String(1024 * 1024), ROUTED_JOB_MAXLEN: '10' });
    const jobId = 'job-slow';
    const fast = await SseTestClient.open(`${router.baseUrl}/events/jobs/${jobId}`);
    const slow = await SseTestClient.open(`${router.baseUrl}/events/jobs/${jobId}`);
    slow.pause();

    // 10 MB: far more than the kernel's socket buffers (a few MB) plus the limit hold for a reader that never reads.
    const padding = 'x'.repeat(4 * 1024);
    const published: string[] = [];
    for (let i = 0; i < 2500; i += 50) {
      const ids = await Promise.all(Array.from({ length: 50 }, (_, k) => fixture.publishChat({ stage: 'token', progress: (i + k) % 100, job_id: jobId, padding })));
      published.push(...ids);
    }
    published.push(await fixture.publishChat(doneEvent(jobId)));

    await fast.closed;
    expect(fast.ids()).toEqual(published);

    const metrics = await waitFor(async () => {
      const text = await (await fetch(`${router.baseUrl}/metrics`)).text();
      return metric(text, 'sse_slow_client_disconnects_total', 'kind="job"') === 1 ? text : undefined;
    }, { what: 'the slow-client disconnect' });
    expect(metric(metrics, 'sse_open_connections', 'kind="job"')).toBe(0);

    // What the slow client did get is an unbroken prefix: it can resume from its cursor.
    slow.close();
    const got = slow.ids();
    expect(got.length).toBeLessThan(published.length);
    expect(got).toEqual(published.slice(0, got.length));
  });
});
