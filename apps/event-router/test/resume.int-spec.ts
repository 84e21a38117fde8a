import { waitFor } from '@app/testing';
import { doneEvent, RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

describe('resuming from a cursor', () => {
  const fixture = new RouterFixture();
  const clients: SseTestClient[] = [];
  const open = async (url: string, headers: Record<string, string> = {}) => {
    const client = await SseTestClient.open(url, headers);
    clients.push(client);
    return client;
  };

  afterAll(async () => {
    for (const client of clients) client.close();
    await fixture.close();
  });

  it('loses nothing and repeats nothing across a router restart', async () => {
    const jobId = 'job-restart';
    const published: string[] = [];
    const first = await fixture.startRouter();
    const before = await open(`${first.baseUrl}/events/jobs/${jobId}`);
    for (let i = 0; i < 20; i++) published.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId }));
    await waitFor(() => before.events.length === 20, { what: 'the first 20 events' });

    expect(await fixture.stopRouter(first)).toBe(0);
    await before.closed;
    // Published while no router runs: they wait in the source shard for the group.
    for (let i = 20; i < 40; i++) published.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId }));

    const second = await fixture.startRouter();
    const after = await open(`${second.baseUrl}/events/jobs/${jobId}`, { 'Last-Event-ID': before.lastEventId ?? '' });
    for (let i = 40; i < 50; i++) published.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId }));
    published.push(await fixture.publishChat(doneEvent(jobId)));
    await after.closed;

    const received = [...before.ids(), ...after.ids()];
    expect(received).toEqual(published);
    expect(new Set(received).size).toBe(published.length);
    expect(after.events.some((e) => e.event === 'reset')).toBe(false);
  });

  it('takes the cursor from the query string when there is no header, and prefers the header', async () => {
    const router = await fixture.startRouter();
    const jobId = 'job-query-cursor';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId }));
    const all = await open(`${router.baseUrl}/events/jobs/${jobId}`);
    await waitFor(() => all.events.length === 5, { what: 'the routed history' });

    const fromQuery = await open(`${router.baseUrl}/events/jobs/${jobId}?last_event_id=${ids[1]}`);
    const headerWins = await open(`${router.baseUrl}/events/jobs/${jobId}?last_event_id=${ids[0]}`, { 'Last-Event-ID': ids[3] });
    await waitFor(() => fromQuery.events.length === 3 && headerWins.events.length === 1, { what: 'the replays' });
    expect(fromQuery.ids()).toEqual(ids.slice(2));
    expect(headerWins.ids()).toEqual(ids.slice(4));

    const bad = await open(`${router.baseUrl}/events/jobs/${jobId}`, { 'Last-Event-ID': '12345' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ message: expect.stringContaining('Last-Event-ID must be an event id') });
  });

  it('sends an explicit reset, then everything retained, when the cursor was trimmed away', async () => {
    const router = await fixture.startRouter({ ROUTED_JOB_MAXLEN: '10' });
    const jobId = 'job-trimmed';
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(await fixture.publishChat({ stage: 'token', progress: i % 100, job_id: jobId }));
    const routedKey = `${fixture.routedPrefix}job:${jobId}`;
    await waitFor(async () => (await fixture.redis.xrevrange(routedKey, '+', '-', 'COUNT', 1))[0]?.[0] === ids[ids.length - 1], { what: 'routing of all entries' });
    const retained = (await fixture.redis.xrange(routedKey, '-', '+')).map(([id]) => id);
    expect(retained.length).toBeLessThan(300);

    const client = await open(`${router.baseUrl}/events/jobs/${jobId}`, { 'Last-Event-ID': ids[5] });
    await waitFor(() => client.events.length === retained.length + 1, { what: 'reset and the retained events' });
    expect(client.events[0].event).toBe('reset');
    expect(client.events[0].id).toBeUndefined();
    expect(JSON.parse(client.events[0].data)).toEqual({ reason: 'cursor_trimmed', cursor: ids[5], oldest_id: retained[0] });
    expect(client.ids()).toEqual(retained);

    const unknown = await open(`${router.baseUrl}/events/jobs/job-never-seen`, { 'Last-Event-ID': ids[5] });
    await waitFor(() => unknown.events.length === 1, { what: 'the reset for an unknown cursor' });
    expect(JSON.parse(unknown.events[0].data)).toEqual({ reason: 'unknown_cursor', cursor: ids[5], oldest_id: null });
  });

  it('sends a heartbeat comment when a stream is idle', async () => {
    const router = await fixture.startRouter({ SSE_HEARTBEAT_MS: '1000' });
    const client = await open(`${router.baseUrl}/events/channels/alerts`);
    await waitFor(() => client.comments > 0, { what: 'a heartbeat', timeoutMs: 5000 });
    expect(client.events).toEqual([]);
  });
});
