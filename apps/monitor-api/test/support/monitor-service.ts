import { startTestService, TestService } from '@app/testing';
import type { MonitorApiConfig } from '../../src/config';
import { monitorApiService } from '../../src/service';
import { SnapshotSweeper } from '../../src/snapshots/snapshot-sweeper';

export interface TestMonitor {
  service: TestService<MonitorApiConfig>;
  baseUrl: string;
  sweeper: SnapshotSweeper;
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * monitor-api in the test process exactly as main.ts runs it, API open, on an ephemeral port. The schedule
 * sweeps once at start and then rarely (SWEEP_INTERVAL_MS is long by default here): tests sweep when they
 * need a fresh snapshot, so what they assert never races the timer.
 */
export async function startTestMonitor(env: Record<string, string>): Promise<TestMonitor> {
  const service = await startTestService(
    monitorApiService,
    { HTTP_PORT: '0', API_AUTH_DISABLED: 'true', SWEEP_INTERVAL_MS: '3600000', ...env },
  );
  return {
    service,
    baseUrl: service.baseUrl,
    sweeper: service.app.get(SnapshotSweeper),
    get: async <T>(path: string) => {
      const res = await fetch(`${service.baseUrl}${path}`);
      return { status: res.status, body: (await res.json()) as T };
    },
    stop: async () => {
      await service.sigterm();
    },
  };
}
