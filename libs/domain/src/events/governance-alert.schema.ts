import { z } from 'zod';

export const ALERT_TYPES = ['slo_violation', 'stuck_partition', 'rebalance_instability', 'unfair_distribution', 'lag_spike'] as const;
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

/** What monitor-api appends to `governance:alerts`. `state: resolved` closes an alert with the same `id`. */
export const governanceAlertSchema = z.object({
  id: z.string().min(1),
  type: z.enum(ALERT_TYPES),
  severity: z.enum(ALERT_SEVERITIES),
  state: z.enum(['firing', 'resolved']),
  source: z.enum(['kafka', 'redis']),
  group_id: z.string().min(1),
  topic: z.string().nullish(),
  partition: z.number().int().min(0).nullish(),
  message: z.string(),
  value: z.number().nullish(),
  threshold: z.number().nullish(),
  at: z.string().datetime(),
});

export type GovernanceAlert = z.infer<typeof governanceAlertSchema>;
export type AlertType = (typeof ALERT_TYPES)[number];
