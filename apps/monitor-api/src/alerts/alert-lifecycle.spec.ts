import type { AlertCondition } from './alert-condition';
import { AlertLifecycle } from './alert-lifecycle';

function condition(key: string, fingerprint = 'f1', overrides: Partial<AlertCondition> = {}): AlertCondition {
  return {
    key,
    type: 'stuck_partition',
    severity: 'critical',
    clusterId: 'local',
    source: 'kafka',
    groupId: 'g',
    topic: 't',
    partition: 0,
    message: `m ${fingerprint}`,
    value: 1,
    threshold: null,
    fingerprint,
    ...overrides,
  };
}

describe('AlertLifecycle', () => {
  let n = 0;
  const lifecycle = () => new AlertLifecycle(() => `a${++n}`);

  it('opens once, stays quiet while nothing changes, updates on a change, resolves when the condition clears', () => {
    const l = lifecycle();
    const opened = l.apply([condition('k')], 't1');
    expect(opened.map((t) => [t.lifecycle, t.alert.state])).toEqual([['opened', 'firing']]);
    const id = opened[0].alert.id;
    expect(l.apply([condition('k')], 't2')).toEqual([]);
    expect(l.apply([condition('k')], 't3')).toEqual([]);
    const updated = l.apply([condition('k', 'f2')], 't4');
    expect(updated.map((t) => [t.lifecycle, t.alert.id, t.alert.message, t.alert.opened_at, t.alert.updated_at])).toEqual([['updated', id, 'm f2', 't1', 't4']]);
    const escalated = l.apply([condition('k', 'f2', { severity: 'warning' })], 't5');
    expect(escalated.map((t) => [t.lifecycle, t.alert.severity])).toEqual([['updated', 'warning']]);
    const resolved = l.apply([], 't6');
    expect(resolved.map((t) => [t.lifecycle, t.alert.id, t.alert.state, t.alert.resolved_at, t.key])).toEqual([['resolved', id, 'resolved', 't6', 'k']]);
    expect(l.firing()).toEqual([]);
    expect(l.resolved().map((a) => a.id)).toEqual([id]);
  });

  it('a condition that returns after it cleared is a new alert with a new id', () => {
    const l = lifecycle();
    const first = l.apply([condition('k')], 't1')[0].alert.id;
    l.apply([], 't2');
    const second = l.apply([condition('k')], 't3');
    expect(second.map((t) => t.lifecycle)).toEqual(['opened']);
    expect(second[0].alert.id).not.toBe(first);
  });

  it('keeps independent conditions apart and resolves only the one that cleared', () => {
    const l = lifecycle();
    l.apply([condition('a'), condition('b')], 't1');
    const t = l.apply([condition('b')], 't2');
    expect(t.map((x) => [x.lifecycle, x.key])).toEqual([['resolved', 'a']]);
    expect(l.firing().map((a) => a.partition)).toEqual([0]);
  });

  it('restored alerts are not opened again after a restart', () => {
    const l = lifecycle();
    const view = l.apply([condition('k')], 't1')[0].alert;
    const restarted = lifecycle();
    restarted.restore([{ key: 'k', fingerprint: 'f1', view }]);
    expect(restarted.apply([condition('k')], 't2')).toEqual([]);
    expect(restarted.apply([], 't3').map((t) => [t.lifecycle, t.alert.id])).toEqual([['resolved', view.id]]);
  });
});
