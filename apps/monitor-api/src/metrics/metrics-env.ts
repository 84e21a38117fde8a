import { ConfigOf, enumVar, EnvVar } from '@app/platform';

/** A JavaScript regular expression matched against the whole name (anchored), or unset. */
export function regexVar(): EnvVar<RegExp | undefined> {
  return {
    expected: 'a regular expression, or unset',
    parse: (raw) => {
      if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
      try {
        return { ok: true, value: new RegExp(`^(?:${raw.trim()})$`) };
      } catch {
        return { ok: false };
      }
    },
  };
}

export const METRICS_GRANULARITIES = ['group', 'partition'] as const;
export type MetricsGranularity = (typeof METRICS_GRANULARITIES)[number];

/**
 * What the governance gauges on /metrics cover. Per-partition series multiply with every group's
 * partitions (1,000 groups over 50 partitions is 50,000 series per gauge), so the default is one
 * series per group and partitions are opt-in, as kafka-lag-exporter's allow/deny lists and
 * KMinion's granularity switch do.
 */
export const metricsEnv = {
  METRICS_GRANULARITY: enumVar(METRICS_GRANULARITIES, 'group'),
  METRICS_GROUP_INCLUDE: regexVar(),
  METRICS_GROUP_EXCLUDE: regexVar(),
  METRICS_TOPIC_INCLUDE: regexVar(),
  METRICS_TOPIC_EXCLUDE: regexVar(),
};

export interface GovernanceMetricsOptions {
  granularity: MetricsGranularity;
  groupInclude: RegExp | undefined;
  groupExclude: RegExp | undefined;
  topicInclude: RegExp | undefined;
  topicExclude: RegExp | undefined;
}

export function governanceMetricsOptionsFrom(config: ConfigOf<typeof metricsEnv>): GovernanceMetricsOptions {
  return {
    granularity: config.METRICS_GRANULARITY,
    groupInclude: config.METRICS_GROUP_INCLUDE,
    groupExclude: config.METRICS_GROUP_EXCLUDE,
    topicInclude: config.METRICS_TOPIC_INCLUDE,
    topicExclude: config.METRICS_TOPIC_EXCLUDE,
  };
}

/** Include first (unset includes all), then exclude wins. */
export function nameSelected(name: string, include: RegExp | undefined, exclude: RegExp | undefined): boolean {
  return (include === undefined || include.test(name)) && !(exclude !== undefined && exclude.test(name));
}
