import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServiceProcess } from '@app/testing';

/**
 * Every app as a real process, built as `npm start` runs it: JSON logs with the service name,
 * health and metrics endpoints, readiness naming a missing dependency, exit 0 on SIGTERM, and a
 * one-line refusal of a bad configuration.
 */
const NO_KAFKA = '127.0.0.1:1';

const apps: { app: string; portVar: string; env: Record<string, string>; ready: Record<string, 'up' | 'down'> }[] = [
  { app: 'chat-consumer', portVar: 'HTTP_PORT', env: {}, ready: { redis: 'up', postgres: 'up' } },
  { app: 'event-router', portVar: 'HTTP_PORT', env: {}, ready: { redis: 'up' } },
  { app: 'monitor-api', portVar: 'HTTP_PORT', env: { KAFKA_BROKERS: NO_KAFKA }, ready: { redis: 'up', postgres: 'up', kafka: 'down' } },
  { app: 'pipeline-trigger', portVar: 'HTTP_PORT', env: { KAFKA_BROKERS: NO_KAFKA }, ready: { redis: 'up', postgres: 'up', kafka: 'down' } },
];

describe.each(apps)('$app as a process', ({ app, portVar, env, ready }) => {
  it('serves health and metrics, names its dependencies in readiness, and exits 0 on SIGTERM', async () => {
    const service = new ServiceProcess(app, { [portVar]: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres', ...env });
    const base = `http://127.0.0.1:${await service.httpPort()}`;

    expect((await fetch(`${base}/health/live`)).status).toBe(200);

    const readiness = await fetch(`${base}/health/ready`);
    const body = (await readiness.json()) as { checks: Record<string, { status: string }> };
    const statuses = Object.fromEntries(Object.entries(body.checks).map(([name, check]) => [name, check.status]));
    expect(statuses).toEqual(expect.objectContaining(ready));
    expect(readiness.status).toBe(Object.values(ready).includes('down') ? 503 : 200);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`process_resident_memory_bytes{service="${app}"}`);

    service.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.lines.length).toBeGreaterThan(0);
    for (const line of service.lines) expect(line).toMatchObject({ service: app, level: expect.any(String), msg: expect.any(String) });
    expect(service.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });
});

describe('broker as a process', () => {
  it('is ready while its data directory is writable and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'broker-e2e-'));
    const service = new ServiceProcess('broker', { BROKER_HTTP_PORT: '0', BROKER_PORT: '0', BROKER_DATA_DIR: dataDir });
    const base = `http://127.0.0.1:${await service.httpPort()}`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    service.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('configuration errors', () => {
  it('stop the process with one line per bad variable naming the value and what was expected', async () => {
    const service = new ServiceProcess('chat-consumer', { HTTP_PORT: 'eighty', FLUSH_INTERVAL_MS: '', REDIS_URL: 'localhost:6379' });
    expect((await service.exited).code).toBe(1);
    const problems = service.stderr.map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'fatal', msg: 'invalid configuration: REDIS_URL="localhost:6379": expected a URL starting with redis:// or rediss://' }),
        expect.objectContaining({ level: 'fatal', msg: 'invalid configuration: HTTP_PORT="eighty": expected a TCP port from 0 to 65535' }),
      ]),
    );
  });
});
