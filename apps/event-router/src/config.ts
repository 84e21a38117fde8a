import { hostname } from 'node:os';
import { CONSUMER_GROUPS, STREAMS, chatEventStreams } from '@app/domain';
import { ConfigOf, EnvVar, boolVar, commonEnv, intVar, nameListVar, optionalStringVar, portVar, redisEnv, stringVar } from '@app/platform';

export const SERVICE_NAME = 'event-router';

const KEY_PATTERN = /^[^\s]+$/;

/** `*`, or a comma-separated list of origins such as `https://app.example.com`; empty means no CORS headers at all. */
function corsOriginsVar(): EnvVar<string[]> {
  return {
    expected: '"*" or a comma-separated list of origins like https://app.example.com, or unset',
    parse: (raw) => {
      if (raw === undefined || raw.trim() === '') return { ok: true, value: [] };
      const items = raw.split(',').map((item) => item.trim());
      const valid = items.every((item) => item === '*' || /^https?:\/\/[^/\s]+$/.test(item));
      return valid ? { ok: true, value: items } : { ok: false };
    },
  };
}

const keyVar = (fallback: string) => stringVar({ default: fallback, pattern: KEY_PATTERN, expected: 'a Redis key name without blanks' });

/** Every variable event-router reads; README.md documents each one. */
export const eventRouterEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  HTTP_PORT: portVar(3001),
  CHAT_EVENT_STREAMS: nameListVar(chatEventStreams(), /^[^\s,]+$/, 'a comma-separated list of distinct Redis stream names'),
  ALERTS_STREAM: keyVar(STREAMS.governanceAlerts),
  PIPELINE_TRIGGERS_STREAM: keyVar(STREAMS.pipelineTriggers),
  CHAT_DLQ_STREAM: keyVar(STREAMS.chatDeadLetter),
  CONSUMER_GROUP: keyVar(CONSUMER_GROUPS.eventRouter),
  CONSUMER_NAME: stringVar({ default: hostname(), pattern: /^[A-Za-z0-9._:-]+$/, expected: 'letters, digits, ".", "_", ":" or "-"' }),
  ROUTED_KEY_PREFIX: keyVar('eventrouter:'),
  ROUTED_JOB_MAXLEN: intVar({ default: 1000, min: 10, max: 1_000_000 }),
  ROUTED_CHANNEL_MAXLEN: intVar({ default: 1000, min: 10, max: 1_000_000 }),
  ROUTED_JOB_TTL_SECONDS: intVar({ default: 86_400, min: 60, max: 30 * 86_400 }),
  SSE_AUTH_DISABLED: boolVar(false),
  SSE_JWT_SECRET: optionalStringVar({ pattern: /^.{32,}$/, expected: 'a secret of at least 32 characters, or unset (then SSE_AUTH_DISABLED=true is required)' }),
  SSE_CORS_ORIGINS: corsOriginsVar(),
  SSE_MAX_CONNECTIONS: intVar({ default: 20_000, min: 1, max: 1_000_000 }),
  SSE_MAX_CONNECTIONS_PER_CLIENT: intVar({ default: 100, min: 1, max: 1_000_000 }),
  SSE_TRUST_PROXY: boolVar(false),
  SSE_MAX_BUFFERED_BYTES: intVar({ default: 256 * 1024, min: 1024, max: 64 * 1024 * 1024 }),
  SSE_HEARTBEAT_MS: intVar({ default: 15_000, min: 1_000, max: 300_000 }),
  SSE_RETRY_MS: intVar({ default: 2_000, min: 100, max: 600_000 }),
};

export type EventRouterConfig = ConfigOf<typeof eventRouterEnv>;

/** Injection token of the loaded configuration. */
export const EVENT_ROUTER_CONFIG = Symbol('EVENT_ROUTER_CONFIG');
