import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrokerProcess, startBrokerProcess, uniqueName, waitFor } from '@app/testing';
import type { Consumer } from 'kafkajs';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { KafkaClients } from './support/kafka-clients';
import { MonitorProcess, startMonitorProcess, waitForCommitted } from './support/monitor-process';

/**
 * The dashboard in a real headless Chromium against monitor-api and our broker, both as built
 * processes, with API auth on: the page takes its token from the URL, lists a group a kafkajs
 * consumer really joined, and its live chart follows the lag as records are produced past the
 * consumer. Screenshots go to tmp/screenshots/ for a person to judge the look.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = path.resolve(__dirname, '../../../tmp/screenshots');
const READ_TOKEN = 'dashboard-read-token-0123456789';

interface DashboardDebug {
  view: string;
  groups: string[];
  liveFrames: { sequence: number; total_lag: number | null; members_count: number }[];
  errors: { status?: number; message: string }[];
  liveChart: { data: { datasets: { data: (number | null)[] }[] } };
}

/** The little of the browser's globals these checks read (the test compiles without the DOM library). */
interface Browser {
  sessionStorage: { getItem(key: string): string | null };
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

const debugOf = (page: Page) => page.evaluate(() => {
  const d = (globalThis as unknown as { __dashboard: DashboardDebug }).__dashboard;
  return { view: d.view, groups: d.groups, liveFrames: d.liveFrames, errors: d.errors, liveTotals: d.liveChart?.data.datasets[0].data ?? [] };
});

describe('monitor-api dashboard in Chromium', () => {
  const topic = uniqueName('orders');
  const groupId = uniqueName('billing');
  let broker: BrokerProcess;
  let clients: KafkaClients;
  let monitor: MonitorProcess;
  let consumer: Consumer;
  let userDataDir: string;
  let browser: BrowserContext;
  const pageErrors: string[] = [];

  /** `count` records spread over the 3 partitions. */
  const produce = (count: number) => clients.produce(topic, [0, 1, 2].map((p) => Math.floor(count / 3) + (p < count % 3 ? 1 : 0)));

  beforeAll(async () => {
    // No fsync per commit: the broker's durability is its own tests' business, here it would only slow them.
    broker = await startBrokerProcess({ BROKER_GROUP_LOG_FSYNC: 'false' });
    clients = new KafkaClients(broker.bootstrap);
    await clients.createTopic(topic, 3);
    await produce(30);

    // A real member that reads everything there is, then pauses: it stays in the group (Stable,
    // one member) while the lag grows with every record produced after it.
    const member = await clients.consume(groupId, topic);
    consumer = member.consumer;
    await waitFor(() => member.read() === 30, { what: 'the consumer reading the first 30 records', timeoutMs: 20_000 });
    await waitForCommitted(clients.kafka, groupId, topic, 30);
    consumer.pause([{ topic }]);

    monitor = await startMonitorProcess(broker.bootstrap, { API_READ_TOKENS: READ_TOKEN, LIVE_INTERVAL_MIN_SECONDS: '1' });
    await mkdir(SCREENSHOTS, { recursive: true });
    userDataDir = await mkdtemp(path.join(tmpdir(), 'monitor-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1600, height: 1000 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await clients?.close();
    await monitor?.stop();
    await broker?.stop();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  }, 30_000);

  const open = async (hash: string, token = true) => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${monitor.baseUrl}/${token ? `?access_token=${READ_TOKEN}` : ''}${hash}`);
    return page;
  };

  it('asks for a token when opened without one, and loads once one is typed in', async () => {
    const page = await open('#/', false);
    await page.locator('#auth-prompt').waitFor({ timeout: 20_000 });
    expect(await page.locator('#auth-prompt').textContent()).toContain('a token is required');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-token-prompt.png') });
    await page.fill('#auth-prompt input', READ_TOKEN);
    await page.click('#auth-prompt button');
    await page.waitForFunction((id) => (globalThis as unknown as { __dashboard: DashboardDebug }).__dashboard.groups.includes(id), groupId, { timeout: 20_000 });
    await page.close();
  });

  it('lists the group from the broker on the overview, with its state and lag', async () => {
    const page = await open('#/');
    await page.waitForFunction((id) => (globalThis as unknown as { __dashboard: DashboardDebug }).__dashboard.groups.includes(id), groupId, { timeout: 20_000 });
    // The token moved from the address bar into the tab's session storage.
    expect(new URL(page.url()).searchParams.get('access_token')).toBeNull();
    expect(await page.evaluate(() => (globalThis as unknown as Browser).sessionStorage.getItem('monitor-api.access_token'))).toBe(READ_TOKEN);

    const row = page.locator(`#groups-table tr[data-group="${groupId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-value]').first().getAttribute('data-value')).toBe('Stable');
    expect(await row.locator('td').nth(3).textContent()).toBe(topic);
    expect(await page.locator('[data-card="stable"] .value').textContent()).not.toBe('0');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-overview.png'), fullPage: true });
    await page.close();
  });

  it('moves the live lag chart as records are produced past the paused consumer', async () => {
    const page = await open(`#/groups/${encodeURIComponent(groupId)}?cluster_id=local&interval=1`);
    await page.waitForFunction(() => (globalThis as unknown as { __dashboard: DashboardDebug }).__dashboard.liveFrames.length >= 2, undefined, { timeout: 20_000 });
    const before = (await debugOf(page)).liveFrames.at(-1)?.total_lag ?? 0;

    await produce(60);
    await page.waitForFunction(
      (target) => (globalThis as unknown as { __dashboard: DashboardDebug }).__dashboard.liveFrames.some((f) => (f.total_lag ?? 0) >= target),
      before + 60,
      { timeout: 20_000 },
    );
    const seen = await debugOf(page);
    expect(seen.view).toBe('group');
    expect(seen.liveFrames.every((f) => f.members_count === 1)).toBe(true);
    // The chart holds every frame's total lag, the lower level first and the grown one after it.
    expect(seen.liveTotals).toEqual(seen.liveFrames.map((f) => f.total_lag));
    expect(seen.liveTotals).toContain(before);
    expect(Math.max(...(seen.liveTotals as number[]))).toBeGreaterThanOrEqual(before + 60);
    // The cards and tables (REST) follow the snapshot the frames announce.
    const latest = String(seen.liveFrames.at(-1)?.total_lag);
    await page.waitForFunction((text) => (globalThis as unknown as Browser).document.querySelector('[data-card="total-lag"] .value')?.textContent === text, latest, { timeout: 20_000 });
    expect(await page.locator('[data-card="total-lag"] .hint').textContent()).toBe('3/3 partitions with a commit');
    await page.locator('#members-table tbody tr').first().waitFor();
    expect(await page.locator('#members-table tbody tr').count()).toBe(1);
    expect(await page.locator('#partitions-table tbody tr').count()).toBe(3);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-group.png'), fullPage: true });
    await page.close();
  });

  it('shows the topic with its groups health', async () => {
    const page = await open(`#/topics/${encodeURIComponent(topic)}?cluster_id=local`);
    await page.locator(`#topic-groups-table tr[data-group="${groupId}"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-card="partitions"] .value').textContent()).toBe('3');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-topic.png'), fullPage: true });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
