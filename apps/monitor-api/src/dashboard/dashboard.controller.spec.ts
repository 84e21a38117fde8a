import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiAuthModule } from '@app/platform';
import { DashboardModule } from './dashboard.module';
import { chartJsFile, dashboardDirectory, loadDashboardAssets } from './dashboard-assets';

describe('dashboard page and assets', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    // Auth on, as in production: the page's code must still load without a token.
    const auth = ApiAuthModule.forRoot({
      config: { disabled: false, jwtSecret: undefined, readTokens: ['read-token-0123456789'], writeTokens: [] },
      scopes: { read: 'monitor:read', write: 'monitor:write' },
      realm: 'monitor-api',
    });
    app = await NestFactory.create({ module: class DashboardTestModule {}, imports: [auth, DashboardModule] }, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(() => app.close());

  it('serves the page at / and its scripts, styles and chart.js without a token', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const referenced = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(referenced).toEqual(expect.arrayContaining(['/assets/dashboard.css', '/assets/vendor/chart.umd.js', '/assets/js/main.js']));
    for (const url of referenced) {
      const response = await fetch(`${base}${url}`);
      expect([url, response.status]).toEqual([url, 200]);
    }
    const chart = await fetch(`${base}/assets/vendor/chart.umd.js`);
    expect(chart.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await chart.text()).toContain('Chart.js');
  });

  it('answers a revalidation with 304 and unknown or escaping names with 404', async () => {
    const first = await fetch(`${base}/assets/dashboard.css`);
    const etag = first.headers.get('etag') ?? '';
    expect((await fetch(`${base}/assets/dashboard.css`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    for (const name of ['nope.js', 'js/../../dashboard-assets.ts', '..%2F..%2Fconfig.ts', '%2e%2e/index.html', 'js']) {
      const response = await fetch(`${base}/assets/${name}`);
      expect([name, response.status]).toEqual([name, 404]);
    }
  });

  it('ships every module the page imports (a missing file would only show as a blank page)', () => {
    const assets = loadDashboardAssets();
    for (const [name, asset] of assets) {
      if (!name.startsWith('js/')) continue;
      for (const [, target] of asset.body.toString('utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const resolved = path.posix.join(path.posix.dirname(name), target);
        expect([name, target, assets.has(resolved)]).toEqual([name, target, true]);
      }
    }
  });

  it('finds its files beside a bundle as well as beside the sources, and chart.js above either', () => {
    expect(dashboardDirectory()).toBe(path.join(__dirname, 'static'));
    expect(() => dashboardDirectory('/nonexistent')).toThrow('dashboard files not found');
    expect(chartJsFile(path.join(__dirname, 'static'))).toMatch(/node_modules\/chart\.js\/dist\/chart\.umd\.js$/);
  });
});
