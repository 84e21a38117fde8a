import type { EffectiveThresholds } from './model';

export type ThresholdOverride = Partial<EffectiveThresholds>;

/** Global thresholds (environment) and per-topic / per-group overrides (the thresholds file). */
export interface ThresholdConfig {
  global: EffectiveThresholds;
  topics: Readonly<Record<string, ThresholdOverride>>;
  groups: Readonly<Record<string, ThresholdOverride>>;
}

/**
 * The thresholds that apply to one group: global, then each consumed topic's override (in topic name order,
 * so a group reading two overridden topics gets a stable answer), then the group's own override, which wins.
 */
export function resolveThresholds(config: ThresholdConfig, groupId: string, topics: readonly string[]): EffectiveThresholds {
  let result: EffectiveThresholds = config.global;
  for (const topic of [...topics].sort()) {
    const override = config.topics[topic];
    if (override) result = { ...result, ...override };
  }
  const own = config.groups[groupId];
  return own ? { ...result, ...own } : result;
}
