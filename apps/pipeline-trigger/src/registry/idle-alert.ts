/**
 * `monitoring.alert_after_idle_windows`: a consumer is alerting once no trigger came for that many
 * `max_time` windows, counted from its last trigger (or, before its first, from when its row was
 * created or last changed). A window only opens on an event, so an idle topic alerts too: that is
 * the point (the users' complaint is a pipeline silently not running). Pure: the caller passes now.
 */
export interface IdleAlert {
  idle_windows: number;
  alert_after_idle_windows: number;
  alerting: boolean;
}

export function idleAlert(options: { alertAfterIdleWindows: number | undefined; maxTimeSeconds: number; lastTriggerAt: Date | undefined; since: Date; paused: boolean; nowMs: number }): IdleAlert | null {
  if (options.alertAfterIdleWindows === undefined) return null;
  const from = options.lastTriggerAt ?? options.since;
  const idleWindows = Math.max(0, Math.floor((options.nowMs - from.getTime()) / (options.maxTimeSeconds * 1000)));
  return { idle_windows: idleWindows, alert_after_idle_windows: options.alertAfterIdleWindows, alerting: !options.paused && idleWindows >= options.alertAfterIdleWindows };
}
