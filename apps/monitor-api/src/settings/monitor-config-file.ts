import { readFileSync } from 'node:fs';
import { ConfigError } from '@app/platform';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { KafkaClusterConfig } from '../collect/kafka-cluster-config';
import type { ThresholdOverride } from '../governance/thresholds';

const thresholdOverride = z
  .object({
    slo_threshold_p95_lag_ms: z.number().int().positive(),
    slo_threshold_lag_offsets: z.number().int().positive().nullable(),
    slo_compliance_min: z.number().min(0).max(1),
    rebalance_score_min: z.number().min(0).max(100),
    fairness_gini_max: z.number().min(0).max(1),
    stuck_detection_window_s: z.number().int().positive(),
    lag_spike_factor: z.number().min(1),
    lag_spike_min_offsets: z.number().int().min(0),
  })
  .partial()
  .strict();

const clusterId = z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" or "-"');

const fileSchema = z
  .object({
    clusters: z
      .array(
        z
          .object({
            cluster_id: clusterId.refine((id) => id !== 'redis', 'the cluster id "redis" is reserved for Redis Streams groups'),
            brokers: z.array(z.string().regex(/^[^\s:]+:\d+$/, 'host:port')).min(1),
            ssl: z.boolean().default(false),
            sasl: z
              .object({
                mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
                username: z.string().min(1),
                /** The password is read from this environment variable (a Secret), never written in the file. */
                password_env: z.string().min(1),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .default([]),
    thresholds: z
      .object({ topics: z.record(z.string(), thresholdOverride).default({}), groups: z.record(z.string(), thresholdOverride).default({}) })
      .strict()
      .default({ topics: {}, groups: {} }),
  })
  .strict();

export interface MonitorConfigFile {
  clusters: KafkaClusterConfig[];
  topicThresholds: Record<string, ThresholdOverride>;
  groupThresholds: Record<string, ThresholdOverride>;
}

/** Reads MONITOR_CONFIG_FILE; a bad file stops the service at start with the path and field that are wrong. */
export function readMonitorConfigFile(path: string | undefined, env: NodeJS.ProcessEnv = process.env): MonitorConfigFile {
  if (!path) return { clusters: [], topicThresholds: {}, groupThresholds: {} };
  const fail = (expected: string, value = path) => new ConfigError([{ variable: 'MONITOR_CONFIG_FILE', value, expected }]);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    throw fail(`a readable YAML file (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const ids = new Set<string>();
  const clusters = parsed.data.clusters.map((c): KafkaClusterConfig => {
    if (ids.has(c.cluster_id)) throw fail(`clusters: cluster_id "${c.cluster_id}" appears twice`);
    ids.add(c.cluster_id);
    let sasl: KafkaClusterConfig['sasl'] = null;
    if (c.sasl) {
      const password = env[c.sasl.password_env];
      if (!password) throw fail(`clusters.${c.cluster_id}.sasl.password_env: environment variable ${c.sasl.password_env} is not set`);
      sasl = { mechanism: c.sasl.mechanism, username: c.sasl.username, password } as KafkaClusterConfig['sasl'];
    }
    return { clusterId: c.cluster_id, brokers: c.brokers, ssl: c.ssl, sasl };
  });
  return { clusters, topicThresholds: parsed.data.thresholds.topics, groupThresholds: parsed.data.thresholds.groups };
}
