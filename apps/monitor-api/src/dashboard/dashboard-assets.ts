import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** chart.js's UMD build; the package's `exports` hide `dist/`, so it is found on disk rather than through require.resolve. */
const CHART_JS = path.join('node_modules', 'chart.js', 'dist', 'chart.umd.js');

/**
 * Where the page's files are: beside the bundle (`dist/apps/monitor-api/dashboard`, copied there by
 * the app's webpack config) or, when the TypeScript runs unbundled (tests), beside this file.
 */
export function dashboardDirectory(from: string = __dirname): string {
  const candidates = [path.join(from, 'dashboard'), path.join(from, 'static')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`dashboard files not found in ${candidates.join(' or ')}`);
  return found;
}

/** The nearest node_modules copy of chart.js from `from` upwards (the workspace's, or /app's in the image). */
export function chartJsFile(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, CHART_JS);
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir) throw new Error(`${CHART_JS} not found above ${from}`);
  }
}

function filesUnder(dir: string, prefix = ''): [string, string][] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [[`${prefix}${name}`, full] as [string, string]];
  });
}

function asset(file: string): DashboardAsset {
  const body = readFileSync(file);
  return { body, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/**
 * Every file of the page, read once at start into memory (about 300 KB with chart.js): requests are
 * answered from this map by exact name, so no request path ever reaches the file system.
 */
export function loadDashboardAssets(dir: string = dashboardDirectory(), chartJs: string = chartJsFile()): Map<string, DashboardAsset> {
  const assets = new Map(filesUnder(dir).map(([name, file]) => [name, asset(file)]));
  assets.set('vendor/chart.umd.js', asset(chartJs));
  return assets;
}
