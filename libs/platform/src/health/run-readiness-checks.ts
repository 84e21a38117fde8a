import { ReadinessCheck } from './readiness-check';

export type DependencyStatus = { status: 'up' } | { status: 'down'; error: string };

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, DependencyStatus>;
}

/** Runs every check at once, each bounded by the timeout, so one hung dependency cannot hang the probe. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check): Promise<[string, DependencyStatus]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check.check(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [check.name, { status: 'up' }];
      } catch (error) {
        return [check.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, result]) => result.status === 'up'), checks: Object.fromEntries(results) };
}
