import { BeforeApplicationShutdown, Controller, DynamicModule, Get, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { startTestService, TestService } from '@app/testing';
import type { Logger } from 'pino';
import { commonEnv, ConfigOf, PlatformModule, portVar } from '@app/platform';

const env = { ...commonEnv('shutdown-test'), HTTP_PORT: portVar(0) };
type Config = ConfigOf<typeof env>;

const events: string[] = [];

/** Stands for a service's consumer: work it holds must be finished before the process exits. */
@Injectable()
class Worker implements BeforeApplicationShutdown, OnApplicationShutdown {
  static flushMs = 200;

  async beforeApplicationShutdown(): Promise<void> {
    events.push('worker: stop taking work');
    await new Promise((resolve) => setTimeout(resolve, Worker.flushMs));
    events.push('worker: flushed');
  }

  onApplicationShutdown(): void {
    events.push('connections closed');
  }
}

@Controller('slow')
class SlowController {
  @Get()
  async slow(): Promise<{ done: boolean }> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    events.push('request: answered');
    return { done: true };
  }
}

@Module({})
class ServiceUnderTest {
  static forRoot(_config: Config, logger: Logger): DynamicModule {
    return {
      module: ServiceUnderTest,
      imports: [PlatformModule.forRoot({ serviceName: 'shutdown-test', logger, readinessChecks: [] })],
      controllers: [SlowController],
      providers: [Worker],
    };
  }
}

const start = (extra: Record<string, string> = {}) =>
  startTestService({ serviceName: 'shutdown-test', env, module: ServiceUnderTest.forRoot, httpPort: (c: Config) => c.HTTP_PORT }, { HTTP_PORT: '0', ...extra });

describe('graceful shutdown on SIGTERM', () => {
  let service: TestService<Config>;

  beforeEach(() => {
    events.length = 0;
    Worker.flushMs = 200;
  });

  it('answers the in-flight request, lets work flush, closes connections last, and exits 0', async () => {
    service = await start();
    const inFlight = fetch(`${service.baseUrl}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const exitCode = await service.sigterm();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    expect(exitCode).toBe(0);
    expect(events[0]).toBe('worker: stop taking work');
    expect(events).toContain('request: answered');
    expect(events.indexOf('worker: flushed')).toBeLessThan(events.indexOf('connections closed'));
    expect(events.at(-1)).toBe('connections closed');
  });

  it('reports not ready from the moment shutdown starts', async () => {
    service = await start();
    Worker.flushMs = 2_000;
    const stopping = service.sigterm();
    const res = await fetch(`${service.baseUrl}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'shutting_down', checks: {} });
    await stopping;
  });

  it('gives up with exit code 1 when shutdown overruns the grace period', async () => {
    service = await start({ SHUTDOWN_GRACE_PERIOD_MS: '100' });
    Worker.flushMs = 1_000;
    expect(await service.sigterm()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  });
});
