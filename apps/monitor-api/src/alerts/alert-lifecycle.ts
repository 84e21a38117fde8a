import type { GovernanceAlertView } from '../governance/model';
import type { AlertCondition } from './alert-condition';

export interface AlertTransition {
  lifecycle: 'opened' | 'updated' | 'resolved';
  alert: GovernanceAlertView;
  /** The condition's key and fingerprint, stored with the alert so a restart restores the lifecycle. */
  key: string;
  fingerprint: string;
}

interface Open {
  view: GovernanceAlertView;
  fingerprint: string;
}

/**
 * The alert lifecycle of one cluster: given the conditions that hold at a sweep, an alert is opened once when
 * its condition starts, updated only when the condition's fingerprint changes (severity, verdict, rounded
 * value), and resolved when the condition no longer holds. Nothing is repeated at every poll. The id is new
 * for each opening, so a condition that clears and returns is a second alert.
 */
export class AlertLifecycle {
  private readonly open = new Map<string, Open>();
  private readonly recentlyResolved: GovernanceAlertView[] = [];

  constructor(
    private readonly newId: () => string,
    private readonly keepResolved = 200,
  ) {}

  /** Alerts restored from storage at start, so a restart neither re-opens nor forgets them. */
  restore(alerts: readonly { key: string; fingerprint: string; view: GovernanceAlertView }[]): void {
    for (const a of alerts) this.open.set(a.key, { view: a.view, fingerprint: a.fingerprint });
  }

  /** `conditions` are all that hold in this cluster now: an open alert missing from them (its group deleted too) resolves. */
  apply(conditions: readonly AlertCondition[], atIso: string): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    const holding = new Set<string>();
    for (const c of conditions) {
      holding.add(c.key);
      const existing = this.open.get(c.key);
      if (!existing) {
        const view: GovernanceAlertView = {
          id: this.newId(),
          type: c.type,
          severity: c.severity,
          state: 'firing',
          cluster_id: c.clusterId,
          source: c.source,
          group_id: c.groupId,
          topic: c.topic,
          partition: c.partition,
          message: c.message,
          value: c.value,
          threshold: c.threshold,
          opened_at: atIso,
          updated_at: atIso,
          resolved_at: null,
        };
        this.open.set(c.key, { view, fingerprint: c.fingerprint });
        transitions.push({ lifecycle: 'opened', alert: view, key: c.key, fingerprint: c.fingerprint });
      } else if (existing.fingerprint !== c.fingerprint || existing.view.severity !== c.severity) {
        const view = { ...existing.view, severity: c.severity, message: c.message, value: c.value, threshold: c.threshold, updated_at: atIso };
        this.open.set(c.key, { view, fingerprint: c.fingerprint });
        transitions.push({ lifecycle: 'updated', alert: view, key: c.key, fingerprint: c.fingerprint });
      }
    }
    for (const [key, o] of this.open) {
      if (holding.has(key)) continue;
      this.open.delete(key);
      const view: GovernanceAlertView = { ...o.view, state: 'resolved', updated_at: atIso, resolved_at: atIso };
      this.recentlyResolved.unshift(view);
      if (this.recentlyResolved.length > this.keepResolved) this.recentlyResolved.pop();
      transitions.push({ lifecycle: 'resolved', alert: view, key, fingerprint: o.fingerprint });
    }
    return transitions;
  }

  firing(): GovernanceAlertView[] {
    return [...this.open.values()].map((o) => o.view);
  }

  resolved(): readonly GovernanceAlertView[] {
    return this.recentlyResolved;
  }
}
