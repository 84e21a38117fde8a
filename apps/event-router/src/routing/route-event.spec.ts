import { chatEventSchema, governanceAlertSchema, pipelineTriggerEventSchema } from '@app/domain';
import { endsSubscription, routeAlert, routeChatEvent, routePipelineTrigger } from './route-event';
import { isChannelName, RoutedKeys } from './routed-keys';

describe('routing', () => {
  const keys = new RoutedKeys('er-test:');

  it('sends a chat event to its job stream, named by stage, as one line of JSON', () => {
    const event = chatEventSchema.parse({ stage: 'thinking', progress: 10, job_id: 'job-7', extra: { nested: 'a\nb' } });
    const routed = routeChatEvent(event);
    expect(keys.forTopic(routed.topic)).toBe('er-test:job:job-7');
    expect(routed.event).toBe('thinking');
    expect(routed.data).not.toContain('\n');
    expect(JSON.parse(routed.data)).toEqual({ stage: 'thinking', progress: 10, job_id: 'job-7', extra: { nested: 'a\nb' } });
  });

  it('keeps a stage with line breaks from breaking the SSE frame', () => {
    const routed = routeChatEvent(chatEventSchema.parse({ stage: 'a\r\nb\nc', job_id: 'j' }));
    expect(routed.event).toBe('a b c');
  });

  it('sends alerts and pipeline triggers to their channels', () => {
    const alert = governanceAlertSchema.parse({
      id: 'a1', type: 'lag_spike', severity: 'warning', state: 'firing', source: 'kafka', group_id: 'g', message: 'lag', at: '2026-11-22T08:00:00.000Z',
    });
    const routedAlert = routeAlert(alert);
    expect(keys.forTopic(routedAlert.topic)).toBe('er-test:channel:alerts');
    expect(routedAlert.event).toBe('lag_spike');

    const trigger = pipelineTriggerEventSchema.parse({
      trigger_id: 'p-1', job_id: 'p-1', consumer_id: 'c', pipeline_name: 'p', connection_id: 'db', job_type: 'async',
      topic: 'orders', group_id: 'g', window_epoch: 1, reason: 'count', event_count: 100,
      window_started_at: '2026-11-22T08:00:00.000Z', window_ended_at: '2026-11-22T08:00:05.000Z', triggered_at: '2026-11-22T08:00:05.000Z',
      offsets: { 0: { first: '0', last: '99' } },
    });
    const routedTrigger = routePipelineTrigger(trigger);
    expect(keys.forTopic(routedTrigger.topic)).toBe('er-test:channel:pipelines');
    expect(routedTrigger.event).toBe('trigger');
  });

  it('ends a job subscription at done, never a channel subscription', () => {
    expect(endsSubscription({ kind: 'job', jobId: 'j' }, 'done')).toBe(true);
    expect(endsSubscription({ kind: 'job', jobId: 'j' }, 'thinking')).toBe(false);
    expect(endsSubscription({ kind: 'channel', channel: 'alerts' }, 'done')).toBe(false);
  });

  it('knows the channel names', () => {
    expect(isChannelName('alerts')).toBe(true);
    expect(isChannelName('pipelines')).toBe(true);
    expect(isChannelName('secrets')).toBe(false);
  });
});
