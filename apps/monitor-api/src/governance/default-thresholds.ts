import type { EffectiveThresholds } from './model';

/** The users' defaults (their thresholds.py), plus our lag-spike rule. */
export const DEFAULT_THRESHOLDS: EffectiveThresholds = {
  slo_threshold_p95_lag_ms: 1000,
  slo_threshold_lag_offsets: null,
  slo_compliance_min: 0.95,
  rebalance_score_min: 70,
  fairness_gini_max: 0.3,
  stuck_detection_window_s: 300,
  lag_spike_factor: 2,
  lag_spike_min_offsets: 1000,
};
