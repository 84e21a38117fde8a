import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry per application instance rather than prom-client's global one, so two instances
 * in one process (tests start several) never collide on metric names.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
