import { execFile } from 'node:child_process';
import path from 'node:path';
import { BrokerProcess, FakeKubectl, startBrokerProcess, uniqueName, waitFor } from '@app/testing';
import { KafkaClients } from './support/kafka-clients';
import { MonitorProcess, startMonitorProcess, waitForCommitted } from './support/monitor-process';

const SCRIPT = path.resolve(__dirname, '../../../scripts/verify/monitor-api.sh');
const READ_TOKEN = 'verify-read-token-0123456789';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/**
 * monitor-api as a process (API auth on) watching a kafkajs group on our broker: what Prometheus
 * scrapes, and scripts/verify/monitor-api.sh in local mode against it.
 */
describe('monitor-api process', () => {
  const topic = uniqueName('verify-topic');
  const groupId = uniqueName('verify-group');
  let broker: BrokerProcess;
  let clients: KafkaClients;
  let monitor: MonitorProcess;

  beforeAll(async () => {
    // No fsync per commit: the broker's durability is its own tests' business, here it would only slow them.
    broker = await startBrokerProcess({ BROKER_GROUP_LOG_FSYNC: 'false' });
    clients = new KafkaClients(broker.bootstrap);
    await clients.createTopic(topic, 2);
    await clients.produce(topic, [5, 5]);
    await clients.consume(groupId, topic);
    await waitForCommitted(clients.kafka, groupId, topic, 10);
    monitor = await startMonitorProcess(broker.bootstrap, { API_READ_TOKENS: READ_TOKEN });
    await waitFor(async () => {
      const response = await fetch(`${monitor.baseUrl}/api/v1/consumers/groups/${groupId}`, { headers: { Authorization: `Bearer ${READ_TOKEN}` } });
      return response.status === 200;
    }, { what: 'monitor-api seeing the group', timeoutMs: 20_000 });
  }, 90_000);

  afterAll(async () => {
    await clients?.close();
    await monitor?.stop();
    await broker?.stop();
  }, 30_000);

  it('serves /metrics without a token, with the group\'s governance gauges', async () => {
    const response = await fetch(`${monitor.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(`governance_group_lag_total_offsets{cluster_id="local",group_id="${groupId}",service="monitor-api"} 0`);
    expect(text).toContain(`governance_group_members{cluster_id="local",group_id="${groupId}",service="monitor-api"} 1`);
    expect(text).toContain(`governance_group_state{cluster_id="local",group_id="${groupId}",state="Stable",service="monitor-api"} 1`);
    expect(text).not.toContain('governance_partition_lag_offsets{');
    expect((await fetch(`${monitor.baseUrl}/api/v1/consumers/groups`)).status).toBe(401);
  });

  it('answers a cached read only to a token holder, with the same body and ETag as the routed answer', async () => {
    const url = `${monitor.baseUrl}/api/v1/consumers/groups/${groupId}/health`;
    const first = await fetch(url, { headers: { Authorization: `Bearer ${READ_TOKEN}` } });
    const again = await fetch(url, { headers: { Authorization: `Bearer ${READ_TOKEN}` } });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await again.text()).toBe(await first.text());
    // The entry is fresh now, so these would be sent from the cache if it skipped the check.
    const anonymous = await fetch(url);
    expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="monitor-api", error="invalid_token"']);
    expect((await fetch(url, { headers: { Authorization: 'Bearer not-the-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${url}?access_token=${READ_TOKEN}`)).status).toBe(200);
  });

  it('passes the verify script and reports the group with its state, lag and SLO', async () => {
    const { code, out } = await run(['--url', monitor.baseUrl, '--expect-group', groupId], { MONITOR_API_TOKEN: READ_TOKEN });
    expect(out).toContain('PASS  /health/ready');
    expect(out).toMatch(/PASS {2}cluster local: swept \d+ s ago; kafka, \d+ groups/);
    expect(out).toMatch(new RegExp(`\\n {2}${groupId} +Stable +1 +0 +0 +0 s +100% +OK\\n`));
    expect(out).toContain(`PASS  group ${groupId} seen (cluster local)`);
    expect(out).toContain('all checks passed');
    expect(code).toBe(0);
  });

  it('runs the same checks in --namespace mode, through kubectl port-forward to the Service', async () => {
    const kubectl = FakeKubectl.create({ localPort: Number(new URL(monitor.baseUrl).port), remotePort: 3000 });
    try {
      const { code, out } = await run(['--namespace', 'streaming-test', '--expect-group', groupId, '--token', READ_TOKEN], { PATH: kubectl.path });
      expect(out).toContain('PASS  deployment monitor-api ready replicas 2/2');
      expect(out).toContain(`PASS  group ${groupId} seen (cluster local)`);
      expect(kubectl.calls()).toContain('-n streaming-test port-forward svc/monitor-api :3000');
      expect(out).toContain('all checks passed');
      expect(code).toBe(0);
    } finally {
      kubectl.remove();
    }
  });

  it.each([
    ['without a token', ['--expect-group', 'x'], {}, /FAIL {2}\/api\/v1\/consumers\/clusters: HTTP 401 .*pass a token with monitor:read/],
    ['when an expected group is missing', ['--expect-group', 'no-such-group', '--token', READ_TOKEN], {}, /FAIL {2}group no-such-group not seen in any cluster/],
    ['for an unknown cluster', ['--cluster', 'prod-eu', '--token', READ_TOKEN], {}, /FAIL {2}cluster prod-eu is not watched; known: local/],
    ['when fewer groups are seen than required', ['--min-groups', '100000', '--token', READ_TOKEN], {}, /FAIL {2}\d+ consumer group\(s\) seen, expected at least 100000/],
  ])('fails the verify script %s, naming the check', async (_name, args, env, line) => {
    const { code, out } = await run(['--url', monitor.baseUrl, ...args], env);
    expect(out).toMatch(line);
    expect(out).toMatch(/\d+ check\(s\) failed\n$/);
    expect(code).toBe(1);
  });

  it('fails the verify script when nothing answers, and refuses bad usage with 2', async () => {
    const down = await run(['--url', 'http://127.0.0.1:1']);
    expect(down.out).toMatch(/FAIL {2}\/health\/live: curl: \(7\)/);
    expect(down.code).toBe(1);
    const usage = await run(['--limit', 'lots']);
    expect(usage.out).toContain('not a number: lots');
    expect(usage.code).toBe(2);
  });
});
