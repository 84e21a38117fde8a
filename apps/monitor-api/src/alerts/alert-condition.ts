import type { AlertSeverity, AlertType, GroupSource } from '../governance/model';

/** A condition that holds now for one group (or one of its partitions), as the rules judged this sweep. */
export interface AlertCondition {
  /** Stable identity: the same condition on the same group/partition keeps the same key across sweeps. */
  key: string;
  type: AlertType;
  severity: AlertSeverity;
  clusterId: string;
  source: GroupSource;
  groupId: string;
  topic: string | null;
  partition: number | null;
  message: string;
  value: number | null;
  threshold: number | null;
  /** What makes an update worth sending: the alert is updated only when this changes. */
  fingerprint: string;
}
