import type { ConsumerHealthSummary, GovernanceAlertView, HealthStatus, TopicDetail, TopicInfo, TopicInsightSummary } from '../governance/model';
import type { ClusterSnapshot } from './cluster-snapshot';

const RANK: Record<HealthStatus, number> = { healthy: 0, warning: 1, critical: 2 };

/** The groups consuming a topic (committed on it or assigned it), with their health; undefined for an unknown topic. */
export function topicHealth(snapshot: ClusterSnapshot, topic: string): ConsumerHealthSummary[] | undefined {
  const groupIds = snapshot.topicGroups.get(topic);
  if (!groupIds && !snapshot.topics.has(topic)) return undefined;
  return (groupIds ?? []).map((id) => snapshot.groups.get(id)?.health).filter((h): h is ConsumerHealthSummary => h !== undefined);
}

/**
 * The users' topic detail: the topic's own info, every consuming group's health, the alerts that concern the
 * topic, and an insight summary: coverage (share of partitions some group has committed on), mean SLO over the
 * groups whose SLO is known, stuck partitions of this topic across groups, and the worst group health.
 */
export function topicDetail(snapshot: ClusterSnapshot, topic: string, alerts: GovernanceAlertView[]): TopicDetail | undefined {
  const health = topicHealth(snapshot, topic);
  if (!health) return undefined;
  const info: TopicInfo = snapshot.topics.get(topic) ?? { name: topic, partitions: 0, replication_factor: null, retention_ms: null, retention_bytes: null, retained_records: 0 };
  const covered = new Set<number>();
  let stuck = 0;
  for (const h of health) {
    const view = snapshot.groups.get(h.group_id);
    for (const p of view?.committed.get(topic) ?? []) covered.add(p);
    stuck += h.stuck_partitions.filter((p) => p.topic === topic).length;
  }
  const slos = health.map((h) => h.slo_compliance).filter((s): s is number => s !== null);
  const coverage = info.partitions > 0 ? covered.size / info.partitions : 0;
  const worst = health.reduce<HealthStatus>((w, h) => (RANK[h.health] > RANK[w] ? h.health : w), 'healthy');
  const overall: HealthStatus = health.length === 0 ? 'warning' : worst;
  const groupIds = new Set(health.map((h) => h.group_id));
  const summary: TopicInsightSummary = {
    groups_count: health.length,
    coverage,
    avg_slo_compliance: slos.length ? slos.reduce((a, b) => a + b, 0) / slos.length : null,
    total_stuck_partitions: stuck,
    overall_status: overall,
    summary: describe(health, coverage, stuck, info.partitions),
  };
  return {
    cluster_id: snapshot.clusterId,
    topic_info: info,
    consumer_health: health,
    governance_alerts: alerts.filter((a) => groupIds.has(a.group_id) && (a.topic === null || a.topic === topic)),
    insight_summary: summary,
  };
}

function describe(health: ConsumerHealthSummary[], coverage: number, stuck: number, partitions: number): string {
  if (health.length === 0) return 'No consumer group reads this topic.';
  const parts = [`${health.length} group${health.length > 1 ? 's' : ''} read this topic; ${Math.round(coverage * 100)}% of its ${partitions} partitions have a committed offset.`];
  const critical = health.filter((h) => h.health === 'critical').map((h) => h.group_id);
  const warning = health.filter((h) => h.health === 'warning').map((h) => h.group_id);
  if (critical.length) parts.push(`Critical: ${critical.join(', ')}.`);
  if (warning.length) parts.push(`Warning: ${warning.join(', ')}.`);
  if (stuck) parts.push(`${stuck} partition${stuck > 1 ? 's are' : ' is'} not progressing normally.`);
  if (!critical.length && !warning.length && !stuck) parts.push('All groups are healthy.');
  return parts.join(' ');
}
