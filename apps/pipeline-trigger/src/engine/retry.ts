import type { ConsumerConfig } from '../config-model/consumer-config';

/** The wait before retry `attempt` (1-based) of a failed batch, per the consumer's retry_policy. */
export function retryDelayMs(policy: ConsumerConfig['retry_policy'], attempt: number): number {
  const base = policy.backoff.delay_ms;
  return policy.backoff.type === 'fixed' ? base : Math.min(base * 2 ** (attempt - 1), 60_000);
}
