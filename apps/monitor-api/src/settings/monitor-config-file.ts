import { readFileSync } from 'node:fs';
import { ConfigError } from '@app/platform';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ variable: 'MONITOR_CONFIG_FILE', value: path, expected: `a readable YAML or JSON file (${(error as Error).message})` }]);
  }
  return parseMonitorConfig(text, path, env);
}

/**
 * The file's text as settings. YAML 1.2 is a superset of JSON, so a JSON file is read by the same parser. Every
 * refusal names `path` (the variable's value) and, for a field, its dotted name and line, so an operator can go
 * straight to it; only the first problem is reported.
 */
export function parseMonitorConfig(text: string, path: string, env: NodeJS.ProcessEnv = process.env): MonitorConfigFile {
  const fail = (expected: string) => new ConfigError([{ variable: 'MONITOR_CONFIG_FILE', value: path, expected }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const at = lineCounter.linePos(error.pos[0]);
    throw fail(`valid YAML or JSON (line ${at.line}, column ${at.col}: ${error.message})`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key is reported at the key itself, not at the object holding it.
    const fieldPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const field = fieldPath.map(String).join('.') || '(root)';
    const offset = offsetOf(doc, fieldPath);
    const line = offset === undefined ? '' : ` (line ${lineCounter.linePos(offset).line})`;
    throw fail(`${field}${line}: ${issue.message}`);
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

/**
 * Where a field starts in the file: its key for a mapping entry (a block value begins on the next line), the
 * item for a list entry. A missing field has no place of its own: the nearest enclosing one that exists is given.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const step = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (isScalar(pair?.key) && pair.key.range) return pair.key.range[0];
    } else if (isSeq(parent) && typeof step === 'number') {
      const item = parent.items[step] as { range?: [number, number, number] } | undefined;
      if (item?.range) return item.range[0];
    }
  }
  return undefined;
}
