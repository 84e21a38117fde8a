import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { ApiAuthOptions } from '@app/platform';
import { answerAhead, cachedAnswers } from './cached-answers';
import { ResponseCache } from './response-cache';

const TOKEN = 'reader-token-0123456789';
const auth: ApiAuthOptions = {
  config: { disabled: false, jwtSecret: undefined, readTokens: [TOKEN], writeTokens: [] },
  scopes: { read: 'monitor:read', write: 'monitor:write' },
  realm: 'monitor-api',
};
const URL_PATH = '/api/v1/consumers/groups/billing/health';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('cachedAnswers ahead of the routed listener (a fresh cached answer sent before Express sees the request)', () => {
  let now: number;
  let version: number;
  let cache: ResponseCache;
  let routed: string[];
  let logLines: Record<string, unknown>[];
  let server: http.Server;
  let port: number;

  async function start(level: 'info' | 'warn'): Promise<void> {
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(JSON.parse(String(chunk))), done()) });
    // Stands in for Nest's Express app: whatever reaches it was not answered from the cache.
    server = http.createServer((req, res) => {
      routed.push(`${req.method} ${req.url}`);
      res.statusCode = 418;
      res.end();
    });
    answerAhead(server, cachedAnswers(cache, auth, pino({ level }, sink)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  }

  function request(path: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<Answer> {
    return new Promise((resolve, reject) => {
      http
        .request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on('error', reject)
        .end();
    });
  }

  const authorized = { authorization: `Bearer ${TOKEN}` };

  beforeEach(() => {
    now = 10_000;
    version = 1;
    routed = [];
    logLines = [];
    cache = new ResponseCache({ now: () => now }, () => version, 5_000);
  });

  afterEach(async () => {
    server.close();
    await once(server, 'close');
  });

  it('sends a fresh entry to a reader with its ETag, caching headers and exact bytes, without routing it', async () => {
    await start('warn');
    const entry = cache.get(URL_PATH, 'local', () => ({ group_id: 'billing', lag: 'ü' }));
    const answer = await request(URL_PATH, authorized);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(entry.body.toString('utf8'));
    expect(answer.headers).toMatchObject({
      etag: entry.etag,
      'cache-control': 'private, max-age=5',
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(entry.body.length),
    });
    expect(routed).toEqual([]);
  });

  it('answers 304 without a body when If-None-Match names the entry (weakly, in a list, or *)', async () => {
    await start('warn');
    const { etag } = cache.get(URL_PATH, 'local', () => ({ n: 1 }));
    for (const ifNoneMatch of [etag, etag.slice(2), `W/"other", ${etag}`, '*']) {
      const answer = await request(URL_PATH, { ...authorized, 'if-none-match': ifNoneMatch });
      expect([ifNoneMatch, answer.status, answer.body, answer.headers.etag]).toEqual([ifNoneMatch, 304, '', etag]);
    }
    expect((await request(URL_PATH, { ...authorized, 'if-none-match': 'W/"other"' })).status).toBe(200);
    expect(routed).toEqual([]);
  });

  it('routes what it must not answer: no or a wrong token, a miss, a stale entry, another method or path', async () => {
    await start('warn');
    cache.get(URL_PATH, 'local', () => ({ n: 1 }));
    cache.get('/dashboard/groups', 'local', () => ({ n: 1 }));
    expect((await request(URL_PATH)).status).toBe(418);
    expect((await request(URL_PATH, { authorization: 'Bearer reader-token-0123456780' })).status).toBe(418);
    expect((await request(`${URL_PATH}?cluster_id=local`, authorized)).status).toBe(418);
    expect((await request(URL_PATH, authorized, 'POST')).status).toBe(418);
    expect((await request('/dashboard/groups', authorized)).status).toBe(418);
    version = 2;
    expect((await request(URL_PATH, authorized)).status).toBe(418);
    cache.get(URL_PATH, 'local', () => ({ n: 2 }));
    now += 5_000;
    expect((await request(URL_PATH, authorized)).status).toBe(418);
    expect(routed).toHaveLength(7);
  });

  it('builds a stale entry again by its refresh, without routing it, once the reader is authorised; routes it when the refresh finds nothing', async () => {
    await start('warn');
    let health: { n: number } | undefined = { n: 1 };
    let refreshes = 0;
    const refresh = () => (refreshes++, health);
    cache.get(URL_PATH, 'local', () => health, refresh);
    version = 2;
    expect((await request(URL_PATH)).status).toBe(418);
    expect(refreshes).toBe(0);
    health = { n: 2 };
    const answer = await request(URL_PATH, authorized);
    expect([answer.status, answer.body]).toEqual([200, '{"n":2}']);
    now += 5_000;
    health = undefined;
    expect((await request(URL_PATH, authorized)).status).toBe(418);
    expect(refreshes).toBe(2);
    expect(routed).toHaveLength(2);
  });

  it('takes the token from access_token as the guard does, and logs the request as pino-http would, the token redacted', async () => {
    await start('info');
    const path = `${URL_PATH}?access_token=${TOKEN}`;
    cache.get(path, 'local', () => ({ n: 1 }));
    expect((await request(path, { 'user-agent': 'dashboard', 'x-request-id': 'r-1' })).status).toBe(200);
    expect(logLines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { id: 'r-1', method: 'GET', url: `${URL_PATH}?access_token=[redacted]`, remote_address: '127.0.0.1', user_agent: 'dashboard' },
        res: { statusCode: 200 },
        cached: true,
      }),
    ]);
    expect(JSON.stringify(logLines)).not.toContain(TOKEN);
    // Given twice it is ambiguous, as the guard sees it too: left to Nest.
    const twice = `${path}&access_token=${TOKEN}`;
    cache.get(twice, 'local', () => ({ n: 1 }));
    expect((await request(twice)).status).toBe(418);
  });

  it('writes no access log line below info', async () => {
    await start('warn');
    cache.get(URL_PATH, 'local', () => ({ n: 1 }));
    expect((await request(URL_PATH, authorized)).status).toBe(200);
    expect(logLines).toEqual([]);
  });
});
