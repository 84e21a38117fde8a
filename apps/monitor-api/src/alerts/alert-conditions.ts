import type { ConsumerHealthSummary } from '../governance/model';
import type { AlertCondition } from './alert-condition';

/** A lag spike: total lag at least `factor` times the previous sweep's and up by at least `minOffsets`. */
export function isLagSpike(previousTotal: number | null, total: number | null, factor: number, minOffsets: number): boolean {
  if (previousTotal === null || total === null) return false;
  return total - previousTotal >= minOffsets && total >= previousTotal * factor;
}

/**
 * The alert conditions that hold for one group now. SLO, rebalance and fairness conditions are per group; stuck
 * partitions per partition (WARN is a warning, STOP/STALL/REWIND critical). Values are rounded in the
 * fingerprint so that an alert is updated when it changes meaningfully, not at every jitter of a float.
 */
export function groupConditions(h: ConsumerHealthSummary, lagSpike: { active: boolean; baseline: number | null }): AlertCondition[] {
  const t = h.thresholds;
  const base = { clusterId: h.cluster_id, source: h.source, groupId: h.group_id, topic: null, partition: null };
  const k = (type: string, ...rest: (string | number)[]) => [h.cluster_id, h.group_id, type, ...rest].join('/');
  const out: AlertCondition[] = [];
  if (h.slo_compliance !== null && h.slo_compliance < t.slo_compliance_min) {
    const pct = Math.round(h.slo_compliance * 1000) / 10;
    out.push({
      ...base,
      key: k('slo_violation'),
      type: 'slo_violation',
      severity: 'critical',
      message: `SLO compliance ${pct}% is under ${t.slo_compliance_min * 100}% (lag threshold ${t.slo_threshold_lag_offsets !== null ? `${t.slo_threshold_lag_offsets} offsets` : `${t.slo_threshold_p95_lag_ms} ms`})`,
      value: h.slo_compliance,
      threshold: t.slo_compliance_min,
      fingerprint: String(pct),
    });
  }
  for (const p of h.stuck_partitions) {
    out.push({
      ...base,
      key: k('stuck_partition', p.topic, p.partition),
      type: 'stuck_partition',
      severity: p.verdict === 'WARN' ? 'warning' : 'critical',
      topic: p.topic,
      partition: p.partition,
      message: `${p.verdict} ${p.topic}-${p.partition}: ${p.evidence.reason}`,
      value: p.lag,
      threshold: null,
      fingerprint: p.verdict,
    });
  }
  if (h.rebalance_score !== null && h.rebalance_score < t.rebalance_score_min) {
    out.push({
      ...base,
      key: k('rebalance_instability'),
      type: 'rebalance_instability',
      severity: 'warning',
      message: `rebalance score ${Math.round(h.rebalance_score)} is under ${t.rebalance_score_min}`,
      value: h.rebalance_score,
      threshold: t.rebalance_score_min,
      fingerprint: String(Math.round(h.rebalance_score)),
    });
  }
  if (h.fairness_gini > t.fairness_gini_max) {
    out.push({
      ...base,
      key: k('unfair_distribution'),
      type: 'unfair_distribution',
      severity: 'warning',
      message: `partitions per member are spread unevenly: Gini ${h.fairness_gini.toFixed(2)} > ${t.fairness_gini_max}`,
      value: h.fairness_gini,
      threshold: t.fairness_gini_max,
      fingerprint: h.fairness_gini.toFixed(2),
    });
  }
  if (lagSpike.active) {
    out.push({
      ...base,
      key: k('lag_spike'),
      type: 'lag_spike',
      severity: 'warning',
      message: `total lag spiked to ${h.total_lag} from ${lagSpike.baseline}`,
      value: h.total_lag,
      threshold: lagSpike.baseline,
      fingerprint: String(lagSpike.baseline),
    });
  }
  return out;
}
