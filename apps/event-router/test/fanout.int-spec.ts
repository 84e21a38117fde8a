import { waitFor } from '@app/testing';
import { deadLetterSchema } from '@app/domain';
import { doneEvent, RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

/**
 * Two router replicas share the `eventrouter` group, so each source entry is consumed by one of
 * them; clients on both must still receive every event of their job or channel, in order, once.
 */
function routedCount(metrics: string): number {
  const match = /^eventrouter_routed_entries_total\{source="chat"[^}]*\} (\d+)$/m.exec(metrics);
  return match ? Number(match[1]) : 0;
}

describe('fan-out across two router replicas', () => {
  const fixture = new RouterFixture();
  const clients: SseTestClient[] = [];

  afterAll(async () => {
    for (const client of clients) client.close();
    await fixture.close();
  });

  it('delivers every event of a job to clients on both replicas, in order, exactly once, then ends at done', async () => {
    const [a, b] = [await fixture.startRouter(), await fixture.startRouter()];
    const jobId = 'job-fanout';
    const onA = await SseTestClient.open(`${a.baseUrl}/events/jobs/${jobId}`);
    const onB = await SseTestClient.open(`${b.baseUrl}/events/jobs/${jobId}`);
    clients.push(onA, onB);
    expect(onA.status).toBe(200);
    expect(onA.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(onA.headers['cache-control']).toBe('no-cache');
    expect(onA.headers['x-accel-buffering']).toBe('no');
    expect(onA.headers['content-encoding']).toBeUndefined();

    const published: string[] = [];
    for (let i = 0; i < 60; i++) published.push(await fixture.publishChat({ stage: 'token', progress: i, job_id: jobId, token: `t${i}` }));
    // An entry that fails its schema goes to the DLQ and does not hold up the entries behind it.
    await fixture.publishChat({ stage: '', job_id: jobId });
    published.push(await fixture.publishChat(doneEvent(jobId)));

    await Promise.all([onA.closed, onB.closed]);
    for (const client of [onA, onB]) {
      expect(client.retryMs).toBe(200);
      expect(client.ids()).toEqual(published);
      expect(client.events.map((e) => e.event)).toEqual([...Array(60).fill('token'), 'done']);
      expect(client.dataOf('token').map((d) => (d as { progress: number }).progress)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    }

    const dead = await waitFor(async () => {
      const entries = await fixture.redis.xrange(fixture.dlqStream, '-', '+');
      return entries.length > 0 ? entries : undefined;
    }, { what: 'the invalid entry in the DLQ' });
    const letter = deadLetterSchema.parse(JSON.parse(dead[0][1][1]));
    expect(letter).toMatchObject({ group: 'eventrouter', reason: expect.stringContaining('stage') });

    // The group handed each entry to one replica only; the routed stream is what let both clients see all of them.
    const routed = await Promise.all([a, b].map(async (router) => routedCount(await (await fetch(`${router.baseUrl}/metrics`)).text())));
    expect(routed[0] + routed[1]).toBe(published.length);

    // A job that has ended answers 204 to a reconnect, which stops a browser's EventSource for good.
    const again = await SseTestClient.open(`${b.baseUrl}/events/jobs/${jobId}`, { 'Last-Event-ID': published[published.length - 1] });
    expect(again.status).toBe(204);
  });

  it('delivers alerts and pipeline triggers to their channels on both replicas', async () => {
    const [a, b] = [await fixture.startRouter(), await fixture.startRouter()];
    const alertsOnA = await SseTestClient.open(`${a.baseUrl}/events/channels/alerts`);
    const alertsOnB = await SseTestClient.open(`${b.baseUrl}/events/channels/alerts`);
    const pipelinesOnB = await SseTestClient.open(`${b.baseUrl}/events/channels/pipelines`);
    clients.push(alertsOnA, alertsOnB, pipelinesOnB);

    const alert = {
      id: 'alert-1', type: 'lag_spike', severity: 'warning', state: 'firing', source: 'redis', group_id: 'g1', message: 'lag grew', at: new Date().toISOString(),
    };
    const alertId = await fixture.publish(fixture.alertsStream, alert);
    const trigger = {
      trigger_id: 'p-1', job_id: 'p-1', consumer_id: 'c', pipeline_name: 'p', connection_id: 'db', job_type: 'async',
      topic: 'orders', group_id: 'g', window_epoch: 1, reason: 'count', event_count: 10,
      window_started_at: new Date().toISOString(), window_ended_at: new Date().toISOString(), triggered_at: new Date().toISOString(),
      offsets: { 0: { first: '0', last: '9' } },
    };
    const triggerId = await fixture.publish(fixture.pipelinesStream, trigger);

    for (const client of [alertsOnA, alertsOnB]) {
      await waitFor(() => client.events.length === 1, { what: 'the alert' });
      expect(client.events[0]).toEqual({ id: alertId, event: 'lag_spike', data: JSON.stringify(alert) });
    }
    await waitFor(() => pipelinesOnB.events.length === 1, { what: 'the trigger' });
    expect(pipelinesOnB.events[0]).toMatchObject({ id: triggerId, event: 'trigger' });
    expect(alertsOnB.ended).toBe(false);
  });
});
