import { governanceAlertSchema } from './governance-alert.schema';

const at = '2026-01-01T00:00:00.000Z';

describe('governanceAlertSchema', () => {
  it('accepts an alert lifecycle entry and a consumer domain event, and keeps their fields', () => {
    const alert = { id: 'a1', type: 'stuck_partition', severity: 'critical', state: 'firing', lifecycle: 'opened', cluster_id: 'local', source: 'kafka', group_id: 'g', topic: 't', partition: 3, message: 'm', opened_at: at, at };
    expect(governanceAlertSchema.parse(alert)).toEqual(alert);
    const event = { id: 'e1', type: 'consumer.rebalanced', cluster_id: 'local', source: 'kafka', group_id: 'g', message: 'generation 4', value: 1, at };
    expect(governanceAlertSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['an unknown type', { id: 'x', type: 'consumer.exploded', cluster_id: 'c', source: 'kafka', group_id: 'g', message: '', at }],
    ['an alert without severity', { id: 'x', type: 'lag_spike', state: 'firing', source: 'kafka', group_id: 'g', message: '', at }],
    ['a bad lifecycle', { id: 'x', type: 'lag_spike', severity: 'info', state: 'firing', lifecycle: 'reopened', source: 'kafka', group_id: 'g', message: '', at }],
    ['a domain event without cluster', { id: 'x', type: 'consumer.lag_spike', source: 'kafka', group_id: 'g', message: '', at }],
  ])('rejects %s', (_name, entry) => {
    expect(governanceAlertSchema.safeParse(entry).success).toBe(false);
  });
});
