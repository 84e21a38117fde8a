import { randomUUID } from 'node:crypto';
import type { ConsumerDomainEvent, GovernanceAlertEntry } from '@app/domain';
import type { Logger } from 'pino';
import type { GovernanceAlertView } from '../governance/model';
import type { ClusterSnapshot } from '../snapshots/cluster-snapshot';
import type { AlertCondition } from './alert-condition';
import { groupConditions, isLagSpike } from './alert-conditions';
import { AlertLifecycle, AlertTransition } from './alert-lifecycle';
import type { AlertPublisher } from './alert-publisher';
import type { AlertStore } from './alert-store';

/**
 * Judges each new snapshot for alerts: runs the lifecycle per cluster, stores every transition in Postgres and
 * appends it to `governance:alerts` with the domain events (`consumer.rebalanced`, `consumer.lag_spike`,
 * `consumer.slo_violated`). Storage or Redis failures are logged and do not stop the sweep: the lifecycle
 * state stays in memory, so the next transition is still right.
 */
export class AlertService {
  private readonly lifecycles = new Map<string, AlertLifecycle>();
  private readonly spikeBaselines = new Map<string, number>();
  private readonly previousTotals = new Map<string, number | null>();

  constructor(
    private readonly store: AlertStore | null,
    private readonly publisher: AlertPublisher | null,
    private readonly logger: Logger,
    private readonly newId: () => string = randomUUID,
  ) {}

  async restore(clusterId: string): Promise<void> {
    if (!this.store) return;
    this.lifecycle(clusterId).restore(await this.store.loadOpen(clusterId));
  }

  async process(snapshot: ClusterSnapshot): Promise<AlertTransition[]> {
    const at = new Date(snapshot.collectedAtMs).toISOString();
    const conditions: AlertCondition[] = [];
    const events: ConsumerDomainEvent[] = [];
    const base = (groupId: string) => ({ cluster_id: snapshot.clusterId, source: snapshot.kind, group_id: groupId, at });
    for (const [groupId, view] of snapshot.groups) {
      const h = view.health;
      const k = `${snapshot.clusterId}/${groupId}`;
      const previous = this.previousTotals.get(k) ?? null;
      this.previousTotals.set(k, h.total_lag);
      let baseline = this.spikeBaselines.get(k) ?? null;
      if (baseline === null && isLagSpike(previous, h.total_lag, h.thresholds.lag_spike_factor, h.thresholds.lag_spike_min_offsets)) {
        baseline = previous;
        this.spikeBaselines.set(k, baseline as number);
        events.push({ id: this.newId(), type: 'consumer.lag_spike', ...base(groupId), message: `total lag rose from ${previous} to ${h.total_lag}`, value: h.total_lag, threshold: previous });
      } else if (baseline !== null && (h.total_lag === null || h.total_lag < baseline * h.thresholds.lag_spike_factor)) {
        baseline = null;
        this.spikeBaselines.delete(k);
      }
      conditions.push(...groupConditions(h, { active: baseline !== null, baseline }));
      if (view.rebalancesThisSweep > 0) {
        events.push({ id: this.newId(), type: 'consumer.rebalanced', ...base(groupId), message: `${view.rebalancesThisSweep} rebalance(s) since the last sweep; state ${h.state}, ${h.members_count} members`, value: view.rebalancesThisSweep, threshold: null });
      }
    }
    for (const k of this.previousTotals.keys()) {
      if (k.startsWith(`${snapshot.clusterId}/`) && !snapshot.groups.has(k.slice(snapshot.clusterId.length + 1))) {
        this.previousTotals.delete(k);
        this.spikeBaselines.delete(k);
      }
    }

    const transitions = this.lifecycle(snapshot.clusterId).apply(conditions, at);
    for (const t of transitions) {
      if (t.lifecycle === 'opened' && t.alert.type === 'slo_violation') {
        events.push({ id: this.newId(), type: 'consumer.slo_violated', ...base(t.alert.group_id), message: t.alert.message, value: t.alert.value, threshold: t.alert.threshold });
      }
    }
    await this.persist(transitions);
    await this.publish([...transitions.map(toEntry), ...events]);
    return transitions;
  }

  alerts(clusterId: string, includeResolved: boolean): GovernanceAlertView[] {
    const l = this.lifecycles.get(clusterId);
    if (!l) return [];
    const all = includeResolved ? [...l.firing(), ...l.resolved()] : l.firing();
    return all.sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0));
  }

  private lifecycle(clusterId: string): AlertLifecycle {
    let l = this.lifecycles.get(clusterId);
    if (!l) this.lifecycles.set(clusterId, (l = new AlertLifecycle(this.newId)));
    return l;
  }

  private async persist(transitions: AlertTransition[]): Promise<void> {
    if (!this.store) return;
    for (const t of transitions) {
      try {
        await this.store.record(t);
      } catch (error) {
        this.logger.error({ err: error, alert_id: t.alert.id, lifecycle: t.lifecycle }, 'storing an alert transition failed');
      }
    }
  }

  private async publish(entries: (GovernanceAlertEntry | ConsumerDomainEvent)[]): Promise<void> {
    if (!this.publisher) return;
    try {
      await this.publisher.publish(entries);
    } catch (error) {
      this.logger.error({ err: error, entries: entries.length }, 'appending to the alerts stream failed');
    }
  }
}

function toEntry(t: AlertTransition): GovernanceAlertEntry {
  const a = t.alert;
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    state: a.state,
    lifecycle: t.lifecycle,
    cluster_id: a.cluster_id,
    source: a.source,
    group_id: a.group_id,
    topic: a.topic,
    partition: a.partition,
    message: a.message,
    value: a.value,
    threshold: a.threshold,
    opened_at: a.opened_at,
    at: a.updated_at,
  };
}
