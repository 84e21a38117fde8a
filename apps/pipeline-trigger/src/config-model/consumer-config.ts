import { z } from 'zod';

/**
 * One consumer's configuration: the same schema validates the config file and the REST body, so
 * a consumer that loads from one loads from the other. Unknown fields are refused (a typo such as
 * `max_events` would otherwise silently fall back to a default), and every bound is explicit so a
 * huge or negative number is a 400, not a window that never closes.
 */

/** Letters, digits, `.`, `_`, `-`: safe in a URL path, a Redis key with a `{...}` hash tag and a Kafka group id. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Kafka's legal topic characters (Topic.validate in the Java client), which also refuses the names `.` and `..`. */
const TOPIC_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

export const MAX_EVENT_LIMIT = 1_000_000_000;
/** 31 days: a longer window is a misconfiguration, and Redis TTLs derived from it stay small. */
export const MAX_TIME_LIMIT_SECONDS = 31 * 24 * 3600;

export const JOB_TYPES = ['sync', 'async', 'batch'] as const;
export const OFFSET_RESETS = ['earliest', 'latest'] as const;
export const BACKOFF_TYPES = ['fixed', 'exponential'] as const;
/** The SASL mechanisms kafkajs implements without a plugin. */
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** What each field must be, worded for the 400 body and the start-up error; keys are dotted paths. */
export const FIELD_EXPECTATIONS: Readonly<Record<string, string>> = {
  consumer_id: 'a string of 1 to 128 letters, digits, ".", "_" or "-", starting with a letter or digit',
  kafka_topic: 'a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-"',
  pipeline_name: 'a non-empty string of at most 255 characters',
  connection_id: 'a non-empty string of at most 255 characters',
  max_event: `an integer from 1 to ${MAX_EVENT_LIMIT}`,
  max_time: `an integer number of seconds from 1 to ${MAX_TIME_LIMIT_SECONDS}`,
  job_type: `one of ${JOB_TYPES.join(', ')}`,
  auto_offset_reset: `one of ${OFFSET_RESETS.join(', ')}`,
  batch_size: 'an integer from 1 to 100000',
  poll_timeout: 'a number of seconds from 0.01 to 60',
  group_suffix: 'a string of 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  retry_policy: 'an object with attempts and backoff',
  'retry_policy.attempts': 'an integer from 0 to 100',
  'retry_policy.backoff': 'an object with type and delay_ms',
  'retry_policy.backoff.type': `one of ${BACKOFF_TYPES.join(', ')}`,
  'retry_policy.backoff.delay_ms': 'an integer number of milliseconds from 0 to 600000',
  error_handling: 'an object with dead_letter_topic',
  'error_handling.dead_letter_topic': 'a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-"',
  monitoring: 'an object with alert_after_idle_windows',
  'monitoring.alert_after_idle_windows': 'an integer from 1 to 10000',
  security: 'an object with mechanism, username and password',
  'security.mechanism': `one of ${SASL_MECHANISMS.join(', ')}`,
  'security.username': 'a non-empty string of at most 255 characters',
  'security.password': 'a non-empty string of at most 1024 characters',
  'security.ssl': 'true or false',
};

const name = (max: number) => z.string().min(1).max(max);
const safeId = (max: number) => z.string().min(1).max(max).regex(SAFE_ID);
const topic = () => z.string().min(1).max(249).regex(TOPIC_NAME);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

const backoffSchema = z.strictObject({
  type: z.enum(BACKOFF_TYPES).default('exponential'),
  delay_ms: int(0, 600_000).default(200),
});

export const retryPolicySchema = z.strictObject({
  attempts: int(0, 100).default(3),
  backoff: backoffSchema.default({ type: 'exponential', delay_ms: 200 }),
});

export const errorHandlingSchema = z.strictObject({
  dead_letter_topic: topic().optional(),
});

export const monitoringSchema = z.strictObject({
  alert_after_idle_windows: int(1, 10_000).optional(),
});

export const securitySchema = z.strictObject({
  mechanism: z.enum(SASL_MECHANISMS),
  username: name(255),
  password: name(1024),
  ssl: z.boolean().default(false),
});

export const consumerConfigSchema = z.strictObject({
  consumer_id: safeId(128),
  kafka_topic: topic(),
  pipeline_name: name(255),
  connection_id: name(255),
  max_event: int(1, MAX_EVENT_LIMIT),
  max_time: int(1, MAX_TIME_LIMIT_SECONDS),
  job_type: z.enum(JOB_TYPES).default('async'),
  // Kafka's own default: a new group starts at the end of the topic unless told otherwise.
  auto_offset_reset: z.enum(OFFSET_RESETS).default('latest'),
  batch_size: int(1, 100_000).default(500),
  poll_timeout: z.number().min(0.01).max(60).default(1),
  group_suffix: safeId(64).optional(),
  retry_policy: retryPolicySchema.default({ attempts: 3, backoff: { type: 'exponential', delay_ms: 200 } }),
  error_handling: errorHandlingSchema.default({}),
  monitoring: monitoringSchema.default({}),
  security: securitySchema.optional(),
});

/** A consumer's configuration with every default applied: what the engine runs. */
export type ConsumerConfig = z.output<typeof consumerConfigSchema>;
/** What a user writes (file entry or REST body): optional fields may be left out. */
export type ConsumerConfigInput = z.input<typeof consumerConfigSchema>;

/** One refused field: its dotted path, what it must be, and what was sent (left out when missing). */
export interface ConfigFieldError {
  field: string;
  expected: string;
  received?: unknown;
}

export interface InvalidConsumerConfigBody {
  error: 'invalid consumer configuration';
  consumer_id?: string;
  fields: ConfigFieldError[];
}

export type ConsumerConfigResult = { ok: true; config: ConsumerConfig } | { ok: false; fields: ConfigFieldError[] };

export function parseConsumerConfig(input: unknown): ConsumerConfigResult {
  const result = consumerConfigSchema.safeParse(input);
  return result.success ? { ok: true, config: result.data } : { ok: false, fields: describeConfigIssues(result.error.issues, input) };
}

/** Turns zod's issues into one entry per field, in the order zod reports them. */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigFieldError[] {
  const fields: ConfigFieldError[] = [];
  const seen = new Set<string>();
  const add = (entry: ConfigFieldError) => {
    if (seen.has(entry.field)) return;
    seen.add(entry.field);
    fields.push(entry);
  };
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsUnder(path.join('.'));
      for (const key of issue.keys) {
        add({ field: [...path, key].join('.'), expected: `no such field; known fields here: ${known.join(', ')}` });
      }
      continue;
    }
    const field = path.length === 0 ? '(body)' : path.join('.');
    const expected = path.length === 0 ? 'a JSON object with the consumer configuration' : (FIELD_EXPECTATIONS[field] ?? issue.message);
    const value = valueAt(input, path);
    add(value === undefined ? { field, expected } : { field, expected, received: describeReceived(field, value) });
  }
  return fields;
}

export function invalidConsumerConfigBody(fields: ConfigFieldError[], consumerId?: string): InvalidConsumerConfigBody {
  return consumerId === undefined
    ? { error: 'invalid consumer configuration', fields }
    : { error: 'invalid consumer configuration', consumer_id: consumerId, fields };
}

/** One line per field, for the start-up error when the config file is bad. */
export function formatConfigFieldErrors(fields: readonly ConfigFieldError[]): string {
  return fields
    .map((f) => `${f.field}: expected ${f.expected}${'received' in f ? `, received ${JSON.stringify(f.received)}` : ''}`)
    .join('; ');
}

/** The configuration as the API shows it: the SASL password never leaves the service. */
export function redactConsumerConfig(config: ConsumerConfig): ConsumerConfig {
  return config.security === undefined ? config : { ...config, security: { ...config.security, password: '********' } };
}

function knownFieldsUnder(prefix: string): string[] {
  const depth = prefix === '' ? 0 : prefix.split('.').length;
  return Object.keys(FIELD_EXPECTATIONS)
    .filter((key) => (prefix === '' ? true : key.startsWith(`${prefix}.`)) && key.split('.').length === depth + 1)
    .map((key) => key.split('.').pop() as string);
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Echoes scalars (strings cut to 100 characters) so the caller sees what was refused; never a password. */
function describeReceived(field: string, value: unknown): unknown {
  if (field === 'security.password') return '(hidden)';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 100)}…` : value;
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
}
