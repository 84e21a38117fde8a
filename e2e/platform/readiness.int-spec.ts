import { Module, DynamicModule } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { startTestService, TcpProxy, TestService, waitFor } from '@app/testing';
import type { Logger } from 'pino';
import {
  commonEnv, ConfigOf, databaseEnv, kafkaEnv, KafkaModule, KafkaReadinessCheck, PlatformModule, portVar, RedisModule, RedisReadinessCheck, redisEnv, redisTopologyFrom } from '@app/platform';

const env = { ...commonEnv('readiness-test'), ...redisEnv, ...databaseEnv, ...kafkaEnv, HTTP_PORT: portVar(0) };
type Config = ConfigOf<typeof env>;

@Module({})
class ServiceUnderTest {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: ServiceUnderTest,
      imports: [
        PlatformModule.forRoot({ serviceName: 'readiness-test', logger, readinessChecks: [RedisReadinessCheck, PostgresReadinessCheck, KafkaReadinessCheck] }),
        RedisModule.forRoot({ topology: redisTopologyFrom(config), connectionName: 'readiness-test', logger }),
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: 2 }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'readiness-test', logger }),
      ],
    };
  }
}

const readiness = async (service: TestService<Config>) => {
  const res = await fetch(`${service.baseUrl}/health/ready`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, { status: string; error?: string }> } };
};

/** Readiness against the real local Redis and Postgres, each taken away through a proxy and given back. */
describe('readiness against real dependencies', () => {
  let redisProxy: TcpProxy;
  let postgresProxy: TcpProxy;
  let service: TestService<Config>;

  beforeAll(async () => {
    redisProxy = await TcpProxy.start({ host: '127.0.0.1', port: 6379 });
    postgresProxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    service = await startTestService(
      { serviceName: 'readiness-test', env, module: ServiceUnderTest.forRoot, httpPort: (c: Config) => c.HTTP_PORT },
      {
        HTTP_PORT: '0',
        REDIS_URL: redisProxy.rewrite('redis://127.0.0.1:6379'),
        DATABASE_URL: postgresProxy.rewrite('postgresql://postgres@127.0.0.1:5432/postgres'),
        // Nothing listens on port 1: the Kafka dependency is down for this whole test.
        KAFKA_BROKERS: '127.0.0.1:1',
      },
    );
  });

  afterAll(async () => {
    await service.sigterm();
    await redisProxy.close();
    await postgresProxy.close();
  });

  it('answers liveness without consulting any dependency', async () => {
    const res = await fetch(`${service.baseUrl}/health/live`);
    expect(res.status).toBe(200);
  });

  it('reports 503 naming Kafka while the brokers do not answer, with Redis and Postgres up', async () => {
    const { status, body } = await readiness(service);
    expect(status).toBe(503);
    expect(body.checks.redis).toEqual({ status: 'up' });
    expect(body.checks.postgres).toEqual({ status: 'up' });
    expect(body.checks.kafka.status).toBe('down');
    expect(body.checks.kafka.error).toEqual(expect.any(String));
  });

  it('reports Redis down while it is unreachable and up again once it returns', async () => {
    redisProxy.cut();
    const down = await waitFor(async () => {
      const r = await readiness(service);
      return r.body.checks.redis.status === 'down' && r;
    }, { what: 'redis to be reported down' });
    expect(down.status).toBe(503);
    expect(down.body.checks.redis.error).toEqual(expect.any(String));

    redisProxy.restore();
    await waitFor(async () => (await readiness(service)).body.checks.redis.status === 'up', { what: 'redis to be reported up' });
  });

  it('reports Postgres down while it is unreachable and up again once it returns', async () => {
    postgresProxy.cut();
    const down = await waitFor(async () => {
      const r = await readiness(service);
      return r.body.checks.postgres.status === 'down' && r;
    }, { what: 'postgres to be reported down' });
    expect(down.status).toBe(503);
    expect(down.body.checks.redis).toEqual({ status: 'up' });

    postgresProxy.restore();
    await waitFor(async () => (await readiness(service)).body.checks.postgres.status === 'up', { what: 'postgres to be reported up' });
  });

  it('exposes Prometheus metrics with the service label', async () => {
    const res = await fetch(`${service.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toMatch(/^process_cpu_user_seconds_total\{service="readiness-test"\} \d/m);
  });
});
