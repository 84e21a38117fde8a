import type { DbClient } from '@app/db';
import type { GovernanceAlertView } from '../governance/model';
import type { AlertTransition } from './alert-lifecycle';

/** Every alert in Postgres (`monitor.alerts`), one row per alert following its lifecycle. */
export class AlertStore {
  constructor(private readonly prisma: DbClient) {}

  async record(t: AlertTransition): Promise<void> {
    const a = t.alert;
    const fingerprint = t.fingerprint;
    if (t.lifecycle === 'opened') {
      await this.prisma.alert.create({
        data: {
          alertId: a.id,
          alertKey: t.key,
          clusterId: a.cluster_id,
          type: a.type,
          severity: a.severity,
          source: a.source,
          groupId: a.group_id,
          topic: a.topic,
          partition: a.partition,
          message: a.message,
          value: a.value,
          threshold: a.threshold,
          fingerprint,
          raisedAt: new Date(a.opened_at),
          updatedAt: new Date(a.updated_at),
        },
      });
      return;
    }
    await this.prisma.alert.update({
      where: { alertId: a.id },
      data: {
        severity: a.severity,
        message: a.message,
        value: a.value,
        threshold: a.threshold,
        fingerprint,
        updatedAt: new Date(a.updated_at),
        resolvedAt: a.resolved_at ? new Date(a.resolved_at) : null,
      },
    });
  }

  /** Alerts still open for a cluster, to restore the lifecycle after a restart. */
  async loadOpen(clusterId: string): Promise<{ key: string; fingerprint: string; view: GovernanceAlertView }[]> {
    const rows = await this.prisma.alert.findMany({ where: { clusterId, resolvedAt: null, alertId: { not: null } } });
    return rows.map((r) => ({
      key: r.alertKey,
      fingerprint: r.fingerprint ?? '',
      view: {
        id: r.alertId as string,
        type: r.type as GovernanceAlertView['type'],
        severity: r.severity as GovernanceAlertView['severity'],
        state: 'firing',
        cluster_id: r.clusterId,
        source: r.source as GovernanceAlertView['source'],
        group_id: r.groupId,
        topic: r.topic,
        partition: r.partition,
        message: r.message,
        value: r.value,
        threshold: r.threshold,
        opened_at: r.raisedAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
        resolved_at: null,
      },
    }));
  }
}
