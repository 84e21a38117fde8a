import { ConfigError, loadConfig } from '@app/platform';
import { engineEnv } from './engine-env';
import { replicaWaitSettings } from './replica-wait-settings';

const settingsOf = (env: Record<string, string>, topology: 'single' | 'sentinel' | 'cluster') => replicaWaitSettings(loadConfig(engineEnv, env), topology);

function issuesOf(run: () => unknown): { variable: string; expected: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('accepted');
}

describe('replicaWaitSettings', () => {
  it('waits for one replica behind Sentinel and for none on one node or a Cluster unless told', () => {
    expect(settingsOf({}, 'sentinel')).toEqual({ replicas: 1, timeoutMs: 1000 });
    expect(settingsOf({}, 'single')).toEqual({ replicas: 0, timeoutMs: 1000 });
    expect(settingsOf({}, 'cluster')).toEqual({ replicas: 0, timeoutMs: 1000 });
  });

  it('takes what it is given, 0 turning WAIT off behind Sentinel too', () => {
    expect(settingsOf({ REDIS_WAIT_REPLICAS: '0' }, 'sentinel').replicas).toBe(0);
    expect(settingsOf({ REDIS_WAIT_REPLICAS: '2', REDIS_WAIT_TIMEOUT_MS: '250' }, 'sentinel')).toEqual({ replicas: 2, timeoutMs: 250 });
    // A single master whose replicas something other than Sentinel promotes.
    expect(settingsOf({ REDIS_WAIT_REPLICAS: '1' }, 'single').replicas).toBe(1);
    expect(settingsOf({ REDIS_WAIT_REPLICAS: '0' }, 'cluster').replicas).toBe(0);
  });

  it.each([
    ['REDIS_WAIT_REPLICAS', '-1', 'an integer from 0 to 100, or unset'],
    ['REDIS_WAIT_REPLICAS', '101', 'an integer from 0 to 100, or unset'],
    ['REDIS_WAIT_REPLICAS', 'one', 'an integer from 0 to 100, or unset'],
    ['REDIS_WAIT_REPLICAS', '1.5', 'an integer from 0 to 100, or unset'],
    ['REDIS_WAIT_TIMEOUT_MS', '0', 'an integer from 1 to 60000'],
    ['REDIS_WAIT_TIMEOUT_MS', '60001', 'an integer from 1 to 60000'],
    ['REDIS_WAIT_TIMEOUT_MS', '1s', 'an integer from 1 to 60000'],
  ])('refuses %s=%s, naming it', (variable, value, expected) => {
    expect(() => loadConfig(engineEnv, { [variable]: value })).toThrow(`invalid configuration: ${variable}=${JSON.stringify(value)}: expected ${expected}`);
  });

  it('refuses replicas on a Cluster, naming REDIS_WAIT_REPLICAS', () => {
    expect(issuesOf(() => settingsOf({ REDIS_WAIT_REPLICAS: '1' }, 'cluster'))).toEqual([
      { variable: 'REDIS_WAIT_REPLICAS', value: '1', expected: expect.stringContaining('0 or unset with REDIS_CLUSTER_NODES') },
    ]);
  });

  it('refuses a timeout over half the Kafka session while waiting, naming REDIS_WAIT_TIMEOUT_MS; the timeout is free when nothing waits', () => {
    const env = { REDIS_WAIT_TIMEOUT_MS: '3001', PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '6000' };
    expect(issuesOf(() => settingsOf(env, 'sentinel'))).toEqual([{ variable: 'REDIS_WAIT_TIMEOUT_MS', value: '3001', expected: expect.stringContaining('at most half of PIPELINE_KAFKA_SESSION_TIMEOUT_MS (6000)') }]);
    expect(settingsOf({ ...env, REDIS_WAIT_TIMEOUT_MS: '3000' }, 'sentinel').timeoutMs).toBe(3000);
    expect(settingsOf({ ...env, REDIS_WAIT_REPLICAS: '0' }, 'sentinel').replicas).toBe(0);
    expect(settingsOf(env, 'single').replicas).toBe(0);
  });

  it('reports both problems at once', () => {
    const issues = issuesOf(() => settingsOf({ REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '20000', PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '30000' }, 'cluster'));
    expect(issues.map((issue) => issue.variable)).toEqual(['REDIS_WAIT_REPLICAS', 'REDIS_WAIT_TIMEOUT_MS']);
  });
});
