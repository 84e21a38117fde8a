import type { PipelineTriggerEvent } from '@app/domain';
import pino from 'pino';
import type { TriggerHistoryStore } from '../store/trigger-history-store';
import type { JobStatusTracker } from './job-status-tracker';
import { TriggerHistorySink } from './trigger-history-sink';

const trigger = {
  trigger_id: 'c-1-w1', job_id: 'c-1-w1', consumer_id: 'c', pipeline_name: 'p', connection_id: 'db', job_type: 'async', topic: 't', group_id: 'g',
  window_epoch: 1, reason: 'count', event_count: 3, window_started_at: '2026-01-01T00:00:00.000Z', window_ended_at: '2026-01-01T00:00:01.000Z',
  triggered_at: '2026-01-01T00:00:01.000Z', offsets: { '0': { first: '0', last: '2' } },
} satisfies PipelineTriggerEvent;

/** The retry schedule alone; the store and queue are stand-ins (their real behaviour is in job-status-tracking.int-spec). */
describe('TriggerHistorySink when Postgres does not answer a trigger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the row from the queue later, backing off while Postgres is still down', async () => {
    const rows = new Set<string>();
    let postgresUp = false;
    const history = {
      record: async (row: { jobId: string }) => {
        if (!postgresUp) throw new Error('connect ECONNREFUSED');
        const added = !rows.has(row.jobId);
        rows.add(row.jobId);
        return added;
      },
    } as unknown as TriggerHistoryStore;
    const tracker = { refresh: async () => true } as unknown as JobStatusTracker;
    const queue = { getJobs: async () => [{ data: trigger }] };
    const sink = new TriggerHistorySink(history, tracker, queue as never, pino({ level: 'silent' }));

    await sink.onTrigger(trigger);
    expect(rows.size).toBe(0);
    await jest.advanceTimersByTimeAsync(1_000); // first backfill: still down, next in 2 s
    expect(rows.size).toBe(0);
    postgresUp = true;
    await jest.advanceTimersByTimeAsync(1_999);
    expect(rows.size).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect([...rows]).toEqual(['c-1-w1']);
    sink.stop();
  });
});
