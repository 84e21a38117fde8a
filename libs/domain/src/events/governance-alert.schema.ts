import { z } from 'zod';

export const ALERT_TYPES = ['slo_violation', 'stuck_partition', 'rebalance_instability', 'unfair_distribution', 'lag_spike'] as const;
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
/** The consumer domain events of the users' governance module, appended to the same stream as the alerts. */
export const CONSUMER_EVENT_TYPES = ['consumer.rebalanced', 'consumer.lag_spike', 'consumer.slo_violated'] as const;

/**
 * An alert's lifecycle entry. `lifecycle` says which step this entry is (opened once when the condition starts,
 * updated when it changes, resolved when it clears); `state: resolved` closes the alert with the same `id`.
 */
export const governanceAlertEntrySchema = z.object({
  id: z.string().min(1),
  type: z.enum(ALERT_TYPES),
  severity: z.enum(ALERT_SEVERITIES),
  state: z.enum(['firing', 'resolved']),
  lifecycle: z.enum(['opened', 'updated', 'resolved']).optional(),
  cluster_id: z.string().min(1).optional(),
  source: z.enum(['kafka', 'redis']),
  group_id: z.string().min(1),
  topic: z.string().nullish(),
  partition: z.number().int().min(0).nullish(),
  message: z.string(),
  value: z.number().nullish(),
  threshold: z.number().nullish(),
  opened_at: z.string().datetime().optional(),
  at: z.string().datetime(),
});

/** A one-off fact about a group (it rebalanced, its lag spiked, it fell under its SLO). */
export const consumerDomainEventSchema = z.object({
  id: z.string().min(1),
  type: z.enum(CONSUMER_EVENT_TYPES),
  cluster_id: z.string().min(1),
  source: z.enum(['kafka', 'redis']),
  group_id: z.string().min(1),
  message: z.string(),
  value: z.number().nullish(),
  threshold: z.number().nullish(),
  at: z.string().datetime(),
});

/** What monitor-api appends to `governance:alerts`: alert lifecycle entries and consumer domain events. */
export const governanceAlertSchema = z.union([governanceAlertEntrySchema, consumerDomainEventSchema]);

export type GovernanceAlert = z.infer<typeof governanceAlertSchema>;
export type GovernanceAlertEntry = z.infer<typeof governanceAlertEntrySchema>;
export type ConsumerDomainEvent = z.infer<typeof consumerDomainEventSchema>;
export type AlertType = (typeof ALERT_TYPES)[number];
export type ConsumerEventType = (typeof CONSUMER_EVENT_TYPES)[number];
