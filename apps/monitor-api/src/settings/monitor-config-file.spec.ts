import { ConfigError } from '@app/platform';
import { DEFAULT_THRESHOLDS } from '../governance/default-thresholds';
import { resolveThresholds } from '../governance/thresholds';
import { parseMonitorConfig, readMonitorConfigFile } from './monitor-config-file';

const PATH = '/etc/monitor/monitor.yaml';

const YAML = `
# global values come from the environment; these override them
thresholds:
  topics:
    orders: { slo_threshold_p95_lag_ms: 5000, slo_threshold_lag_offsets: 200 }
    payments:
      stuck_detection_window_s: 60
  groups:
    billing:
      slo_compliance_min: 0.99
      stuck_detection_window_s: 120
      lag_spike_factor: 3.5
`;

const JSON_TEXT = JSON.stringify({
  thresholds: {
    topics: { orders: { slo_threshold_p95_lag_ms: 5000, slo_threshold_lag_offsets: 200 }, payments: { stuck_detection_window_s: 60 } },
    groups: { billing: { slo_compliance_min: 0.99, stuck_detection_window_s: 120, lag_spike_factor: 3.5 } },
  },
});

/** What the service is refused with: the message a ConfigError carries (it names the variable and the path). */
function refusal(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseMonitorConfig(text, PATH, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('the monitor config file', () => {
  it.each([
    ['YAML', YAML],
    ['JSON', JSON_TEXT],
  ])('reads per-topic and per-group overrides from %s', (_format, text) => {
    const file = parseMonitorConfig(text, PATH, {});
    expect(file.clusters).toEqual([]);
    expect(file.topicThresholds).toEqual({ orders: { slo_threshold_p95_lag_ms: 5000, slo_threshold_lag_offsets: 200 }, payments: { stuck_detection_window_s: 60 } });
    expect(file.groupThresholds).toEqual({ billing: { slo_compliance_min: 0.99, stuck_detection_window_s: 120, lag_spike_factor: 3.5 } });
  });

  it('gives the same thresholds from JSON and YAML once applied to groups', () => {
    const [fromYaml, fromJson] = [YAML, JSON_TEXT].map((text) => parseMonitorConfig(text, PATH, {}));
    const config = (file: typeof fromYaml) => ({ global: DEFAULT_THRESHOLDS, topics: file.topicThresholds, groups: file.groupThresholds });
    const cases: [string, string[]][] = [
      ['billing', ['orders', 'payments']],
      ['shipping', ['orders']],
      ['audit', ['events']],
    ];
    for (const [group, topics] of cases) {
      expect(resolveThresholds(config(fromYaml), group, topics)).toEqual(resolveThresholds(config(fromJson), group, topics));
    }
    // The group's own override wins over its topics'; a topic's over the global value; the rest stays global.
    expect(resolveThresholds(config(fromYaml), 'billing', ['orders', 'payments'])).toEqual({
      ...DEFAULT_THRESHOLDS,
      slo_threshold_p95_lag_ms: 5000,
      slo_threshold_lag_offsets: 200,
      slo_compliance_min: 0.99,
      stuck_detection_window_s: 120,
      lag_spike_factor: 3.5,
    });
    expect(resolveThresholds(config(fromJson), 'shipping', ['orders'])).toEqual({ ...DEFAULT_THRESHOLDS, slo_threshold_p95_lag_ms: 5000, slo_threshold_lag_offsets: 200 });
    expect(resolveThresholds(config(fromJson), 'audit', ['events'])).toEqual(DEFAULT_THRESHOLDS);
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing yet\n'],
    ['an empty JSON object', '{}'],
  ])('takes %s as no clusters and no overrides', (_what, text) => {
    expect(parseMonitorConfig(text, PATH, {})).toEqual({ clusters: [], topicThresholds: {}, groupThresholds: {} });
  });

  it('reads clusters with SASL, the password from the variable the file names', () => {
    const text = `
clusters:
  - cluster_id: prod-eu
    brokers: [kafka-1.prod:9093, kafka-2.prod:9093]
    ssl: true
    sasl: { mechanism: scram-sha-512, username: monitor, password_env: PROD_EU_KAFKA_PASSWORD }
  - cluster_id: staging
    brokers: ["kafka.staging:9092"]
`;
    expect(parseMonitorConfig(text, PATH, { PROD_EU_KAFKA_PASSWORD: 's3cret' }).clusters).toEqual([
      { clusterId: 'prod-eu', brokers: ['kafka-1.prod:9093', 'kafka-2.prod:9093'], ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'monitor', password: 's3cret' } },
      { clusterId: 'staging', brokers: ['kafka.staging:9092'], ssl: false, sasl: null },
    ]);
  });

  it.each([
    // unknown keys, named at their own line
    ['an unknown top-level key', 'thresholds: {}\nalerts: {}\n', 'alerts (line 2): Unrecognized key: "alerts"'],
    ['an unknown threshold in a group', 'thresholds:\n  groups:\n    billing:\n      slo_min: 0.9\n', 'thresholds.groups.billing.slo_min (line 4): Unrecognized key: "slo_min"'],
    ['an unknown threshold in a topic, in JSON', '{"thresholds": {"topics": {"orders": {"slo_threshold_p95_lag": 5}}}}', 'thresholds.topics.orders.slo_threshold_p95_lag (line 1): Unrecognized key'],
    ['a misspelt section', 'thresholds:\n  group:\n    billing: {}\n', 'thresholds.group (line 2): Unrecognized key: "group"'],
    // wrong types and ranges
    ['a quoted number', 'thresholds:\n  groups:\n    billing: { slo_compliance_min: "0.99" }\n', 'thresholds.groups.billing.slo_compliance_min (line 3): Invalid input: expected number, received string'],
    ['a fraction where a count is needed', 'thresholds:\n  topics:\n    orders:\n      stuck_detection_window_s: 1.5\n', 'thresholds.topics.orders.stuck_detection_window_s (line 4): Invalid input: expected int, received number'],
    ['a compliance over 1', 'thresholds:\n  groups:\n    billing:\n      slo_compliance_min: 95\n', 'thresholds.groups.billing.slo_compliance_min (line 4): Too big: expected number to be <=1'],
    ['a negative lag threshold, in JSON', '{\n  "thresholds": {\n    "topics": {\n      "orders": { "slo_threshold_p95_lag_ms": -1 }\n    }\n  }\n}', 'thresholds.topics.orders.slo_threshold_p95_lag_ms (line 4): Too small'],
    ['YAML 1.1 "yes" (a string in YAML 1.2)', 'clusters:\n  - cluster_id: a\n    brokers: [k:9092]\n    ssl: yes\n', 'clusters.0.ssl (line 4): Invalid input: expected boolean, received string'],
    ['a list where overrides belong', 'thresholds:\n  groups: [billing]\n', 'thresholds.groups (line 2): Invalid input: expected record, received array'],
    ['a file that is a list', '- billing\n', '(root): Invalid input: expected object, received array'],
    ['a broker without a port', 'clusters:\n  - cluster_id: a\n    brokers: [kafka-1]\n', 'clusters.0.brokers.0 (line 3): host:port'],
    ['a missing brokers list', 'clusters:\n  - cluster_id: a\n', 'clusters.0.brokers (line 2): Invalid input: expected array, received undefined'],
    ['the reserved cluster id', 'clusters:\n  - cluster_id: redis\n    brokers: [k:9092]\n', 'clusters.0.cluster_id (line 2): the cluster id "redis" is reserved'],
    ['a cluster id twice', 'clusters:\n  - { cluster_id: a, brokers: [k:9092] }\n  - { cluster_id: a, brokers: [j:9092] }\n', 'clusters: cluster_id "a" appears twice'],
    ['a SASL password variable not set', 'clusters:\n  - cluster_id: a\n    brokers: [k:9092]\n    sasl: { mechanism: plain, username: u, password_env: NOT_SET_HERE }\n', 'clusters.a.sasl.password_env: environment variable NOT_SET_HERE is not set'],
    // bad syntax, named by line and column
    ['an unclosed flow sequence', 'thresholds:\n  groups: [billing\n  topics: {}\n', 'valid YAML or JSON (line 3, column'],
    ['a key twice', 'thresholds:\n  groups: {}\n  groups: {}\n', 'valid YAML or JSON (line 3, column 3: Map keys must be unique)'],
    ['a tab as indentation', 'thresholds:\n\tgroups: {}\n', 'valid YAML or JSON (line 2, column 1: Tabs are not allowed as indentation'],
    ['misaligned keys', 'thresholds:\n  groups: {}\n topics: {}\n', 'valid YAML or JSON (line 3, column'],
    ['JSON cut short', '{"thresholds": {"groups": {}', 'valid YAML or JSON (line 1, column'],
  ])('refuses %s, naming the file and where', (_what, text, expected) => {
    const message = refusal(text);
    expect(message).toContain(`invalid configuration: MONITOR_CONFIG_FILE=${JSON.stringify(PATH)}: expected `);
    expect(message).toContain(expected);
  });

  it('refuses a file it cannot read, naming the path', () => {
    expect(() => readMonitorConfigFile('/nonexistent/monitor.yaml', {})).toThrow(
      /^invalid configuration: MONITOR_CONFIG_FILE="\/nonexistent\/monitor.yaml": expected a readable YAML or JSON file \(ENOENT/,
    );
  });

  it('reads nothing when no file is configured', () => {
    expect(readMonitorConfigFile(undefined, {})).toEqual({ clusters: [], topicThresholds: {}, groupThresholds: {} });
  });
});
