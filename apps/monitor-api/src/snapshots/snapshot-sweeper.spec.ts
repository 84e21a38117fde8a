import pino from 'pino';
import type { AlertService } from '../alerts/alert-service';
import type { ClusterCollection, Collector } from '../collect/collected';
import { DEFAULT_THRESHOLDS } from '../governance/default-thresholds';
import type { StoredRows } from './builder-restore';
import type { SnapshotStore } from './snapshot-store';
import { SnapshotSweeper } from './snapshot-sweeper';

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SnapshotSweeper start-up', () => {
  const now = 1_700_000_000_000;
  let events: string[];
  let rows: ReturnType<typeof deferred<StoredRows>>;
  let collects: ReturnType<typeof deferred<void>>;
  let sweeper: SnapshotSweeper;

  const collectEmpty = async (): Promise<ClusterCollection> => {
    events.push('collect');
    await collects.promise;
    return { clusterId: 'local', kind: 'kafka', collectedAtMs: now, durationMs: 1, groups: [], topics: new Map() };
  };

  function createSweeper(collect: () => Promise<ClusterCollection>): SnapshotSweeper {
    const collector: Collector = { clusterId: 'local', kind: 'kafka', collect, close: async () => undefined };
    // Only what a sweep touches of the store and the alerts: their own behaviour is tested against Postgres and Redis.
    const store = {
      restoreRows: async () => {
        events.push('restore');
        return rows.promise;
      },
      save: async () => ({}),
    } as unknown as SnapshotStore;
    const alerts = { restore: async () => undefined, process: async () => undefined, alerts: () => [] } as unknown as AlertService;
    return new SnapshotSweeper({
      collectors: [collector],
      defaultClusterId: 'local',
      builder: { thresholds: { global: DEFAULT_THRESHOLDS, topics: {}, groups: {} }, endOffsetHistoryPoints: 60, rebalanceSnapshots: 10, rebalanceMax: 5 },
      store,
      alerts,
      groupEvents: null,
      clock: { now: () => now },
      logger: pino({ level: 'silent' }),
      intervalMs: 3_600_000,
      retentionMs: 3_600_000,
    });
  }

  beforeEach(() => {
    events = [];
    rows = deferred<StoredRows>();
    collects = deferred<void>();
  });

  afterEach(async () => {
    collects.resolve();
    rows.resolve({ endOffsets: [], commits: [], snapshots: [] });
    await sweeper.stop();
  });

  it('is not warm until the first sweep after the restore, and a sweep asked for during the restore waits for it', async () => {
    sweeper = createSweeper(collectEmpty);
    const started = sweeper.start();
    const early = sweeper.sweep('local');
    await settle();
    expect(events).toEqual(['restore']);
    expect(sweeper.warm).toBe(false);

    rows.resolve({ endOffsets: [], commits: [], snapshots: [] });
    await started;
    await settle();
    expect(events).toEqual(['restore', 'collect']);
    expect(sweeper.warm).toBe(false);

    collects.resolve();
    expect(await early).not.toBeNull();
    expect(sweeper.warm).toBe(true);
    expect(sweeper.latestSweepAt('local')?.getTime()).toBe(now);
  });

  it('counts a failed first sweep as warm: readiness then rests on the cluster checks, and the error is reported', async () => {
    sweeper = createSweeper(async () => Promise.reject(new Error('broker unreachable')));
    rows.resolve({ endOffsets: [], commits: [], snapshots: [] });
    await sweeper.start();
    expect(await sweeper.sweep('local')).toBeNull();
    expect(sweeper.warm).toBe(true);
    expect(sweeper.clusters().find((c) => c.cluster_id === 'local')).toMatchObject({ last_error: 'broker unreachable' });
  });
});
