import { Global, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiAuthModule, createRootLogger, PlatformModule, signHs256Jwt } from '@app/platform';
import { waitFor } from '@app/testing';
import { Registry } from 'prom-client';
import { WebSocket } from 'ws';
import { groupDetail, member, partitionRow } from '../../test/support/governance-fixtures';
import { InMemoryReadModel } from '../../test/support/in-memory-read-model';
import { GOVERNANCE_READ_MODEL } from '../governance/governance-read-model';
import type { LiveFrame } from './live-frame';
import { LiveFeedServer } from './live-feed.server';
import { LiveModule } from './live.module';

const SECRET = 'live-feed-test-secret-0123456789abcdef';
const READ_TOKEN = 'read-token-0123456789';

/** A WebSocket client that records frames and how it was closed. */
class Client {
  readonly frames: LiveFrame[] = [];
  readonly socket: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as LiveFrame));
    this.closed = new Promise((resolve) => this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('error', () => undefined);
  }

  async framesAtLeast(n: number): Promise<LiveFrame[]> {
    await waitFor(() => this.frames.length >= n, { what: `${n} frames`, timeoutMs: 10_000 });
    return this.frames;
  }
}

describe('WS /ws/consumers/groups/{group_id}/live', () => {
  const readModel = new InMemoryReadModel();
  let app: INestApplication;
  let server: LiveFeedServer;
  let registry: Registry;
  let base: string;
  const clients: Client[] = [];
  const connect = (path: string, headers?: Record<string, string>) => {
    const client = new Client(`${base}${path}`, headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    @Global()
    @Module({ providers: [{ provide: GOVERNANCE_READ_MODEL, useValue: readModel }], exports: [GOVERNANCE_READ_MODEL] })
    class ReadModelModule {}
    app = await NestFactory.create(
      {
        module: class LiveTestModule {},
        imports: [
          PlatformModule.forRoot({ serviceName: 'monitor-api', logger: createRootLogger('monitor-api', 'silent'), readinessChecks: [] }),
          ApiAuthModule.forRoot({
            config: { disabled: false, jwtSecret: SECRET, readTokens: [READ_TOKEN], writeTokens: [] },
            scopes: { read: 'monitor:read', write: 'monitor:write' },
            realm: 'monitor-api',
          }),
          ReadModelModule,
          LiveModule.forRoot({ minIntervalSeconds: 1, maxIntervalSeconds: 60, defaultIntervalSeconds: 5, maxConnections: 4 }),
        ],
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    server = app.get(LiveFeedServer);
    registry = app.get(Registry);
    base = `ws://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  beforeEach(() => {
    readModel.set(groupDetail({ group_id: 'billing' }));
    readModel.set(groupDetail({ group_id: 'stream-readers', cluster_id: 'redis', source: 'redis' }));
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await waitFor(() => server.connectionCount === 0, { what: 'every connection closed' });
  });


  it('pushes the group at the chosen interval and marks state and member changes', async () => {
    const client = connect(`/ws/consumers/groups/billing/live?interval=1&access_token=${READ_TOKEN}`);
    const [first] = await client.framesAtLeast(1);
    expect(first).toMatchObject({ type: 'update', sequence: 1, cluster_id: 'local', group_id: 'billing', state: 'Stable', total_lag: 20, members_count: 1 });

    readModel.set(groupDetail({
      group_id: 'billing', state: 'PreparingRebalance', generation: 2,
      members: [member('m1', { orders: [0] }), member('m2', { orders: [1] })],
      partitions: [partitionRow('orders', 0, 500), partitionRow('orders', 1, 700)],
    }));
    await waitFor(() => client.frames.some((f) => f.total_lag === 1200), { what: 'a frame with the new lag', timeoutMs: 10_000 });
    const changed = client.frames.find((f) => f.total_lag === 1200) as LiveFrame;
    expect(changed.changes).toEqual({
      state: { from: 'Stable', to: 'PreparingRebalance' }, generation: { from: 1, to: 2 },
      members_joined: ['m2'], members_left: [], members_reassigned: ['m1'],
    });
    expect(changed.members.map((m) => m.member_id)).toEqual(['m1', 'm2']);
    expect(client.frames.map((f) => f.sequence)).toEqual(client.frames.map((_, i) => i + 1));
  });

  it('takes the cluster from cluster_id and the token from the Authorization header', async () => {
    const client = connect('/ws/consumers/groups/stream-readers/live?cluster_id=redis&interval=1', { Authorization: `Bearer ${signHs256Jwt({ scope: 'monitor:read' }, SECRET)}` });
    const [first] = await client.framesAtLeast(1);
    expect(first).toMatchObject({ cluster_id: 'redis', group_id: 'stream-readers' });
  });

  it.each([
    ['/ws/consumers/groups/billing/live?interval=0', 4400, 'interval must be a whole number of seconds from 1 to 60'],
    ['/ws/consumers/groups/billing/live?interval=61', 4400, 'interval must be a whole number of seconds from 1 to 60'],
    ['/ws/consumers/groups/billing/live?cluster_id=', 4400, 'cluster_id must not be empty'],
    ['/ws/consumers/groups/nobody/live', 4404, 'unknown consumer group nobody in cluster local'],
    ['/ws/consumers/groups/billing/live?cluster_id=prod-eu', 4404, 'unknown cluster_id prod-eu; known: local, redis'],
  ])('closes %s with %i naming the problem', async (path, code, reason) => {
    const client = connect(`${path}${path.includes('?') ? '&' : '?'}access_token=${READ_TOKEN}`);
    expect(await client.closed).toEqual({ code, reason });
    expect(client.frames).toEqual([]);
  });

  it.each([
    ['no token', '', 4401, 'a token is required'],
    ['an unknown static token', '&access_token=not-a-known-token-at-all', 4401, ''],
    ['a forged JWT', `&access_token=${signHs256Jwt({ scope: 'monitor:read' }, 'another-secret-0123456789abcdefghij')}`, 4401, ''],
    ['an expired JWT', `&access_token=${signHs256Jwt({ scope: 'monitor:read', exp: Math.floor(Date.now() / 1000) - 3600 }, SECRET)}`, 4401, ''],
    ['a JWT without the read scope', `&access_token=${signHs256Jwt({ scope: 'pipeline:read' }, SECRET)}`, 4403, 'the token lacks the scope monitor:read'],
  ])('refuses %s', async (_name, query, code, reason) => {
    const client = connect(`/ws/consumers/groups/billing/live?interval=1${query}`);
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toContain(reason);
    expect(client.frames).toEqual([]);
  });

  it('answers an upgrade on any other path with 404', async () => {
    const socket = new WebSocket(`${base}/ws/consumers/groups/billing`);
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });

  it('keeps serving the others when a client vanishes mid-stream, and holds nothing for the one gone', async () => {
    const stays = connect(`/ws/consumers/groups/billing/live?interval=1&access_token=${READ_TOKEN}`);
    const leaves = connect(`/ws/consumers/groups/billing/live?interval=1&access_token=${READ_TOKEN}`);
    await Promise.all([stays.framesAtLeast(1), leaves.framesAtLeast(1)]);
    expect(server.connectionCount).toBe(2);

    // No close handshake: the TCP connection just dies, as when a laptop lid closes.
    (leaves.socket as unknown as { _socket: { destroy(): void } })._socket.destroy();
    await waitFor(() => server.connectionCount === 1, { what: 'the vanished connection released' });
    const seen = stays.frames.length;
    await stays.framesAtLeast(seen + 2);
    expect(stays.socket.readyState).toBe(WebSocket.OPEN);
    expect(await registry.getSingleMetricAsString('monitor_live_connections')).toContain('monitor_live_connections{service="monitor-api"} 1');
  });

  it('closes with 4404 when the group disappears and with 4401 when the token expires', async () => {
    const group = connect(`/ws/consumers/groups/billing/live?interval=1&access_token=${READ_TOKEN}`);
    await group.framesAtLeast(1);
    readModel.remove('local', 'billing');
    expect(await group.closed).toEqual({ code: 4404, reason: 'consumer group billing no longer exists in cluster local' });

    readModel.set(groupDetail({ group_id: 'billing' }));
    const expiring = connect(`/ws/consumers/groups/billing/live?interval=1&access_token=${signHs256Jwt({ scope: 'monitor:read', exp: Math.floor(Date.now() / 1000) + 2 }, SECRET)}`);
    await expiring.framesAtLeast(1);
    expect(await expiring.closed).toEqual({ code: 4401, reason: 'the access token expired' });
    expect(server.connectionCount).toBe(0);
  });

  it('refuses connections beyond LIVE_MAX_CONNECTIONS with 4503', async () => {
    const open = Array.from({ length: 4 }, () => connect(`/ws/consumers/groups/billing/live?interval=60&access_token=${READ_TOKEN}`));
    await Promise.all(open.map((c) => c.framesAtLeast(1)));
    const extra = connect(`/ws/consumers/groups/billing/live?interval=60&access_token=${READ_TOKEN}`);
    expect(await extra.closed).toEqual({ code: 4503, reason: 'too many live connections (4); try again later' });
  });

  it('closes every subscriber with 1001 when the service shuts down', async () => {
    const client = connect(`/ws/consumers/groups/billing/live?interval=60&access_token=${READ_TOKEN}`);
    await client.framesAtLeast(1);
    await app.close();
    expect(await client.closed).toEqual({ code: 1001, reason: 'monitor-api is shutting down' });
    expect(server.connectionCount).toBe(0);
  });
});
