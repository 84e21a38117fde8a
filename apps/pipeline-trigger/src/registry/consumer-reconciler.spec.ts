import pino from 'pino';
import { RecordingRuntime } from '../../test/support/recording-runtime';
import { parseConsumerConfig } from '../config-model/consumer-config';
import type { ConsumerStore, StoredConsumer } from '../store/consumer-store';
import { ConsumerReconciler } from './consumer-reconciler';

function row(id: string, version: number, overrides: { paused?: boolean; max_event?: number; createdAt?: Date } = {}): StoredConsumer {
  const parsed = parseConsumerConfig({ consumer_id: id, kafka_topic: 't', pipeline_name: 'p', connection_id: 'c', max_event: overrides.max_event ?? 10, max_time: 60 });
  if (!parsed.ok) throw new Error('bad fixture');
  return { config: parsed.config, source: 'api', paused: overrides.paused ?? false, version, createdAt: overrides.createdAt ?? new Date(0), updatedAt: new Date(0) };
}

/** The table as a list the test edits: what `syncAll` reads. */
function fakeStore(rows: StoredConsumer[]): ConsumerStore {
  return { list: async () => rows } as unknown as ConsumerStore;
}

describe('ConsumerReconciler', () => {
  const logger = pino({ level: 'silent' });

  it('starts, changes, pauses and removes what the table says, each step once', async () => {
    const rows = [row('a', 1), row('b', 1, { paused: true })];
    const runtime = new RecordingRuntime();
    const reconciler = new ConsumerReconciler(fakeStore(rows), runtime, logger);
    await reconciler.syncAll();
    await reconciler.syncAll();
    expect(runtime.calls).toEqual(['start a', 'start b paused']);

    rows[0] = row('a', 2, { max_event: 99 });
    rows[1] = row('b', 2, { paused: false });
    await reconciler.syncAll();
    expect(runtime.calls.slice(2)).toEqual(['update a', 'resume b']);

    rows[0] = row('a', 3, { max_event: 99, paused: true });
    rows.pop();
    await reconciler.syncAll();
    expect(runtime.calls.slice(4)).toEqual(['pause a', 'remove b']);
    expect(reconciler.isRunning('b')).toBe(false);
  });

  it('retries a start the engine refused at the next sync, and leaves the others alone', async () => {
    const runtime = new RecordingRuntime();
    const reconciler = new ConsumerReconciler(fakeStore([row('a', 1), row('b', 1)]), runtime, logger);
    runtime.failNextStart = true;
    await reconciler.syncAll();
    expect(runtime.calls).toEqual(['start b']);
    expect(reconciler.isRunning('a')).toBe(false);
    await reconciler.syncAll();
    expect(runtime.calls).toEqual(['start b', 'start a']);
  });

  it('applies one change at a time, in the order asked, whether from a sync or a REST call', async () => {
    const runtime = new RecordingRuntime();
    const reconciler = new ConsumerReconciler(fakeStore([row('a', 1)]), runtime, logger);
    await Promise.all([reconciler.syncAll(), reconciler.apply('a', row('a', 2, { paused: true })), reconciler.apply('a', undefined), reconciler.apply('a', row('a', 3))]);
    expect(runtime.calls).toEqual(['start a', 'pause a', 'remove a', 'start a']);
  });

  it('restarts a consumer deleted and created again between two syncs, so the engine forgets the old one', async () => {
    const rows = [row('a', 4)];
    const runtime = new RecordingRuntime();
    const reconciler = new ConsumerReconciler(fakeStore(rows), runtime, logger);
    await reconciler.syncAll();
    rows[0] = row('a', 1, { createdAt: new Date(1000) });
    await reconciler.syncAll();
    expect(runtime.calls).toEqual(['start a', 'remove a', 'start a']);
  });
});
