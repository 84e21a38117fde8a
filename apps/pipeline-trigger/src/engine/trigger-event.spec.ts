import { pipelineTriggerEventSchema } from '@app/domain';
import fc from 'fast-check';
import { buildTriggerEvent, type TriggerContext } from './trigger-event';

const context: TriggerContext = {
  consumer_id: 'orders-sync',
  pipeline_name: 'orders-etl',
  connection_id: 'warehouse',
  job_type: 'batch',
  kafka_topic: 'orders',
  group_id: 'pipeline-trigger-orders',
};

describe('buildTriggerEvent', () => {
  it('carries the consumer, the window and its offsets, and derives the job id from the window epoch', () => {
    const event = buildTriggerEvent(
      context,
      { epoch: 7, inc: 'mabc', reason: 'count', event_count: 100, opened_at: Date.UTC(2026, 0, 1), closed_at: Date.UTC(2026, 0, 1, 0, 0, 5), offsets: { 0: ['10', '59'], 2: ['3', '52'] } },
      Date.UTC(2026, 0, 1, 0, 0, 6),
    );
    expect(pipelineTriggerEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      job_id: 'orders-sync-mabc-w7',
      trigger_id: 'orders-sync-mabc-w7',
      reason: 'count',
      event_count: 100,
      window_started_at: '2026-01-01T00:00:00.000Z',
      window_ended_at: '2026-01-01T00:00:05.000Z',
      offsets: { 0: { first: '10', last: '59' }, 2: { first: '3', last: '52' } },
    });
  });

  it('gives a re-sent window the same job id whenever it is re-sent, and different windows different ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), fc.nat(), fc.nat(), (a, b, t1, t2) => {
        const window = (epoch: number) => ({ epoch, inc: 'k1', reason: 'time' as const, event_count: 1, opened_at: 0, closed_at: 1, offsets: {} });
        expect(buildTriggerEvent(context, window(a), t1).job_id).toBe(buildTriggerEvent(context, window(a), t2).job_id);
        if (a !== b) expect(buildTriggerEvent(context, window(a), t1).job_id).not.toBe(buildTriggerEvent(context, window(b), t1).job_id);
      }),
    );
  });

  it('makes ids BullMQ accepts as custom job ids (no ":" and not only digits)', () => {
    const id = buildTriggerEvent(context, { epoch: 1, inc: '1', reason: 'time', event_count: 0, opened_at: 0, closed_at: 0, offsets: {} }, 0).job_id;
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
  });
});
