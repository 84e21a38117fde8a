import { ConfigError, formatConfigIssue } from './config-error';
import { commonEnv, databaseEnv, kafkaEnv, redisEnv } from './common-env';
import { boolVar, hostPortListVar, intVar, nameListVar, optionalIntVar, portVar, urlVar } from './env-vars';
import { loadConfig } from './load-config';

const spec = { ...commonEnv('svc'), ...redisEnv, ...databaseEnv, ...kafkaEnv, HTTP_PORT: portVar(3000) };

describe('loadConfig', () => {
  it('gives safe localhost defaults for an empty environment', () => {
    expect(loadConfig(spec, {})).toEqual({
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
      SHUTDOWN_GRACE_PERIOD_MS: 10_000,
      KAFKA_CLIENT_ID: 'svc',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_SENTINELS: [],
      REDIS_SENTINEL_NAME: undefined,
      REDIS_SENTINEL_PASSWORD: undefined,
      REDIS_CLUSTER_NODES: [],
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/streaming',
      KAFKA_BROKERS: ['localhost:9092'],
      HTTP_PORT: 3000,
    });
  });

  it('parses given values', () => {
    const config = loadConfig(spec, { HTTP_PORT: '8080', KAFKA_BROKERS: 'a:9092, b.example:9093', LOG_LEVEL: 'debug', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(config).toMatchObject({ HTTP_PORT: 8080, KAFKA_BROKERS: ['a:9092', 'b.example:9093'], LOG_LEVEL: 'debug', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
  });

  it('reports every bad variable with its value and what was expected', () => {
    let error: unknown;
    try {
      loadConfig(spec, { HTTP_PORT: '70000', REDIS_URL: 'http://localhost', LOG_LEVEL: 'loud', KAFKA_BROKERS: 'localhost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map(formatConfigIssue)).toEqual([
      'invalid configuration: LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent',
      'invalid configuration: REDIS_URL="http://localhost": expected a URL starting with redis:// or rediss://',
      'invalid configuration: KAFKA_BROKERS="localhost": expected a comma-separated list of host:port',
      'invalid configuration: HTTP_PORT="70000": expected a TCP port from 0 to 65535',
    ]);
  });
});

describe('environment variable parsers', () => {
  it('rejects integers with junk, fractions and values out of range', () => {
    const v = intVar({ default: 5, min: 1, max: 10 });
    expect(v.parse('7')).toEqual({ ok: true, value: 7 });
    expect(v.parse(undefined)).toEqual({ ok: true, value: 5 });
    for (const raw of ['7ms', '1.5', '0', '11', '0x5']) expect(v.parse(raw)).toEqual({ ok: false });
  });

  it('leaves an optional integer undefined when unset or blank, and checks it like any integer otherwise', () => {
    const v = optionalIntVar({ min: 0, max: 100 });
    expect([undefined, '', ' '].map((raw) => v.parse(raw))).toEqual(Array(3).fill({ ok: true, value: undefined }));
    expect(v.parse(' 3 ')).toEqual({ ok: true, value: 3 });
    for (const raw of ['-1', '101', '1.5', 'abc']) expect(v.parse(raw)).toEqual({ ok: false });
    expect(v.expected).toBe('an integer from 0 to 100, or unset');
  });

  it('accepts the usual spellings of booleans only', () => {
    const v = boolVar(false);
    expect(['true', 'TRUE', '1', 'yes'].map((raw) => v.parse(raw))).toEqual(Array(4).fill({ ok: true, value: true }));
    expect(v.parse('no')).toEqual({ ok: true, value: false });
    expect(v.parse('maybe')).toEqual({ ok: false });
  });

  it('checks URL schemes and host:port lists, including IPv6 brackets', () => {
    expect(urlVar({ protocols: ['postgresql:'] }).parse('postgresql://u@db:5432/x')).toEqual({ ok: true, value: 'postgresql://u@db:5432/x' });
    expect(urlVar({ protocols: ['postgresql:'] }).parse('not a url')).toEqual({ ok: false });
    expect(urlVar({ protocols: ['postgresql:'] }).parse(undefined)).toEqual({ ok: false });
    expect(hostPortListVar('x:1').parse('[::1]:9092,kafka-0.kafka:9093')).toEqual({ ok: true, value: ['[::1]:9092', 'kafka-0.kafka:9093'] });
    expect(hostPortListVar('x:1').parse('kafka:99999')).toEqual({ ok: false });
  });

  it('reads name lists, refusing blanks inside a name and duplicates', () => {
    const v = nameListVar(['a', 'b']);
    expect(v.parse(undefined)).toEqual({ ok: true, value: ['a', 'b'] });
    expect(v.parse('chat:events:{0}, chat:events:{1}')).toEqual({ ok: true, value: ['chat:events:{0}', 'chat:events:{1}'] });
    expect(v.parse('x y')).toEqual({ ok: false });
    expect(v.parse('x,x')).toEqual({ ok: false });
    expect(v.parse('x,')).toEqual({ ok: false });
  });
});
