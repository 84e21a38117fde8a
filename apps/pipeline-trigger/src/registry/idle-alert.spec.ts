import fc from 'fast-check';
import { idleAlert } from './idle-alert';

const since = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => since.getTime() + seconds * 1000;

describe('idle alert', () => {
  it.each([
    ['not configured', undefined, undefined, 1000, false, null],
    ['within the first window', 3, undefined, 59, false, { idle_windows: 0, alert_after_idle_windows: 3, alerting: false }],
    ['two windows without a trigger', 3, undefined, 150, false, { idle_windows: 2, alert_after_idle_windows: 3, alerting: false }],
    ['three windows without a trigger', 3, undefined, 180, false, { idle_windows: 3, alert_after_idle_windows: 3, alerting: true }],
    ['counted from the last trigger', 3, new Date(at(170)), 200, false, { idle_windows: 0, alert_after_idle_windows: 3, alerting: false }],
    ['paused: counted, never alerting', 1, undefined, 600, true, { idle_windows: 10, alert_after_idle_windows: 1, alerting: false }],
  ])('%s', (_label, after, lastTriggerAt, nowSeconds, paused, expected) => {
    expect(idleAlert({ alertAfterIdleWindows: after, maxTimeSeconds: 60, lastTriggerAt, since, paused, nowMs: at(nowSeconds) })).toEqual(expected);
  });

  it('alerts exactly when the idle time reaches the configured number of windows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 10_000_000 }), (after, maxTime, idleMs) => {
        const alert = idleAlert({ alertAfterIdleWindows: after, maxTimeSeconds: maxTime, lastTriggerAt: undefined, since, paused: false, nowMs: since.getTime() + idleMs });
        return alert?.alerting === idleMs >= after * maxTime * 1000;
      }),
    );
  });
});
