import { signHs256Jwt } from '@app/platform';
import { RouterFixture } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

const SECRET = 'integration-test-secret-of-enough-length';
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('auth, connection limits and CORS', () => {
  const fixture = new RouterFixture();
  const clients: SseTestClient[] = [];
  const open = async (url: string, headers: Record<string, string> = {}) => {
    const client = await SseTestClient.open(url, headers);
    clients.push(client);
    return client;
  };

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => fixture.close());

  it('refuses missing, malformed, forged and expired tokens with 401, and out-of-grant topics with 403', async () => {
    const router = await fixture.startRouter({ SSE_AUTH_DISABLED: 'false', SSE_JWT_SECRET: SECRET });
    const url = `${router.baseUrl}/events/jobs/job-a`;
    const grant = { sub: 'user-1', exp: inAMinute(), jobs: ['job-a'], channels: ['pipelines'] };

    const refusals: [string, Record<string, string>, number, string][] = [
      [url, {}, 401, 'a token is required'],
      [url, { Authorization: 'Basic dXNlcjpwYXNz' }, 401, 'must be "Bearer <token>"'],
      [url, { Authorization: 'Bearer not-a-jwt' }, 401, 'not a JWT'],
      [url, { Authorization: `Bearer ${signHs256Jwt(grant, 'some-other-secret-of-enough-length!!')}` }, 401, 'signature is invalid'],
      [url, { Authorization: `Bearer ${signHs256Jwt({ ...grant, exp: 1000 }, SECRET)}` }, 401, 'expired'],
      [url, { Authorization: `Bearer ${signHs256Jwt({ ...grant, jobs: 'job-a' }, SECRET)}` }, 401, 'must be lists of strings'],
      [`${router.baseUrl}/events/jobs/job-b`, { Authorization: `Bearer ${signHs256Jwt(grant, SECRET)}` }, 403, 'does not allow job "job-b"'],
      [`${router.baseUrl}/events/channels/alerts?access_token=${signHs256Jwt(grant, SECRET)}`, {}, 403, 'does not allow channel "alerts"'],
    ];
    for (const [target, headers, status, message] of refusals) {
      const client = await open(target, headers);
      expect({ status: client.status, message: (JSON.parse(client.body) as { message: string }).message }).toEqual({ status, message: expect.stringContaining(message) });
      if (status === 401) expect(client.headers['www-authenticate']).toBe('Bearer realm="event-router"');
    }

    const byHeader = await open(url, { Authorization: `Bearer ${signHs256Jwt(grant, SECRET)}` });
    const byQuery = await open(`${router.baseUrl}/events/channels/pipelines?access_token=${signHs256Jwt(grant, SECRET)}`);
    const wildcard = await open(`${router.baseUrl}/events/jobs/anything?access_token=${signHs256Jwt({ jobs: ['*'] }, SECRET)}`);
    expect([byHeader.status, byQuery.status, wildcard.status]).toEqual([200, 200, 200]);

    const metrics = await (await fetch(`${router.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/sse_rejected_connections_total\{reason="unauthorized"[^}]*\} 6/);
    expect(metrics).toMatch(/sse_rejected_connections_total\{reason="forbidden"[^}]*\} 2/);
  });

  it('closes a stream when its token expires', async () => {
    const router = await fixture.startRouter({ SSE_AUTH_DISABLED: 'false', SSE_JWT_SECRET: SECRET });
    const token = signHs256Jwt({ channels: ['alerts'], exp: Math.floor(Date.now() / 1000) + 2 }, SECRET);
    const client = await open(`${router.baseUrl}/events/channels/alerts?access_token=${token}`);
    expect(client.status).toBe(200);
    await client.closed;
    expect(client.events).toEqual([]);
  });

  it('serves no stream when auth is on but no secret is configured', async () => {
    const router = await fixture.startRouter({ SSE_AUTH_DISABLED: 'false' });
    const client = await open(`${router.baseUrl}/events/jobs/job-a`);
    expect(client.status).toBe(503);
    expect(JSON.parse(client.body)).toMatchObject({ message: expect.stringContaining('SSE_JWT_SECRET is not set') });
  });

  it('answers 429 over the per-client limit and 503 over the per-process limit', async () => {
    const router = await fixture.startRouter({ SSE_MAX_CONNECTIONS_PER_CLIENT: '2', SSE_MAX_CONNECTIONS: '3', SSE_TRUST_PROXY: 'true' });
    const url = `${router.baseUrl}/events/channels/alerts`;
    const from = (address: string) => ({ 'X-Forwarded-For': `${address}, 10.0.0.1` });

    expect((await open(url, from('192.0.2.1'))).status).toBe(200);
    expect((await open(url, from('192.0.2.1'))).status).toBe(200);
    const third = await open(url, from('192.0.2.1'));
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body)).toMatchObject({ message: expect.stringContaining('too many streams from your address') });
    expect(third.headers['retry-after']).toBe('5');

    expect((await open(url, from('192.0.2.2'))).status).toBe(200);
    const full = await open(url, from('192.0.2.3'));
    expect(full.status).toBe(503);
    expect(JSON.parse(full.body)).toMatchObject({ message: expect.stringContaining('maximum of 3 streams') });

    // A closed stream frees its slots.
    clients[0].close();
    await clients[0].closed;
    let reopened: SseTestClient | undefined;
    for (let attempt = 0; attempt < 50 && reopened?.status !== 200; attempt++) {
      reopened?.close();
      reopened = await open(url, from('192.0.2.3'));
      if (reopened.status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(reopened?.status).toBe(200);
  });

  it('adds CORS headers for allowed origins only and answers preflights', async () => {
    const router = await fixture.startRouter({ SSE_CORS_ORIGINS: 'https://app.example' });
    const allowed = await open(`${router.baseUrl}/events/channels/alerts`, { Origin: 'https://app.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    const foreign = await open(`${router.baseUrl}/events/channels/alerts`, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await fetch(`${router.baseUrl}/events/jobs/j1`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,last-event-id' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Last-Event-ID, Cache-Control');
  });
});
