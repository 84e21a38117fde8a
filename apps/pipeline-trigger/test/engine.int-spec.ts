import { startBrokerProcess, waitFor, type BrokerProcess } from '@app/testing';
import Redis from 'ioredis';
import { systemClock } from '../src/engine/clock';
import { WindowStore } from '../src/engine/window-store';
import { startEngineReplica, type EngineReplica } from './support/engine-replica';
import { countedOffsets, PipelineFixture } from './support/pipeline-fixture';

describe('the counting engine against our broker (kafkajs, real Redis, BullMQ)', () => {
  let broker: BrokerProcess;
  let fixture: PipelineFixture;
  const replicas: EngineReplica[] = [];

  beforeAll(async () => {
    broker = await startBrokerProcess();
  });

  beforeEach(() => {
    fixture = new PipelineFixture(broker.kafka);
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
    await fixture.close();
  });

  afterAll(async () => {
    await broker.stop();
  });

  const replica = async (vars: Record<string, string> = {}) => {
    const started = await startEngineReplica({ ...fixture.env(broker.bootstrap), ...vars });
    replicas.push(started);
    return started;
  };

  it('with three replicas in one group, triggers exactly once per max_event events: the expected job ids, each offset counted once', async () => {
    const topic = await fixture.createTopic(3);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 50, max_time: 3600, batch_size: 40 });
    const group = [await replica(), await replica(), await replica()];
    await Promise.all(group.map((r) => r.supervisor.start(config)));
    await fixture.produce(topic, 1000);

    const jobs = await fixture.waitForJobs(20, '20 pipeline jobs', 20_000);
    const info = await group[0].supervisor.info(config.consumer_id);
    expect(info?.current_count).toBe(0);

    const inc = jobs[0].job_id.split('-').at(-2);
    const expectedIds = Array.from({ length: 20 }, (_, i) => `${config.consumer_id}-${inc}-w${i + 1}`);
    expect(jobs.map((j) => j.job_id).sort()).toEqual(expectedIds.sort());
    for (const job of jobs) {
      expect(job).toMatchObject({ reason: 'count', event_count: 50, pipeline_name: 'orders-etl', connection_id: 'warehouse', topic, group_id: `${fixture.baseGroupId}-${topic}` });
      const inWindow = Object.values(job.offsets).reduce((sum, r) => sum + Number(r.last) - Number(r.first) + 1, 0);
      expect(inWindow).toBe(50);
    }
    const perPartition = countedOffsets(jobs);
    const all = [...perPartition.values()].flat();
    expect(all).toHaveLength(1000);
    for (const offsets of perPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));

    const triggers = await fixture.waitForTriggers(20, 'a trigger entry for each of the 20 jobs');
    expect(new Set(triggers.map((t) => t.trigger_id))).toEqual(new Set(expectedIds));
  });

  it('fires the time threshold on an idle topic, once across replicas (one holds the timer lease), with the events of the window', async () => {
    const topic = await fixture.createTopic(1);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 1000, max_time: 1 });
    const r = await replica();
    const other = await replica();
    await Promise.all([r.supervisor.start(config), other.supervisor.start(config)]);
    await fixture.produce(topic, 3);

    const [job] = await fixture.waitForJobs(1, 'the time trigger', 10_000);
    expect(job).toMatchObject({ reason: 'time', event_count: 3, offsets: { 0: { first: '0', last: '2' } } });
    expect(Date.parse(job.window_ended_at) - Date.parse(job.window_started_at)).toBeGreaterThanOrEqual(1000);
    // The job is enqueued before the consumer's last trigger is recorded.
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.last_trigger?.job_id === job.job_id, { what: 'the last trigger recorded' });
    const info = await r.supervisor.info(config.consumer_id);
    expect(info).toMatchObject({ state: 'running', current_count: 0, window_started_at: null, last_trigger: { job_id: job.job_id } });
    // Idle after that: an empty window never fires.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await fixture.jobs()).toHaveLength(1);
  });

  it('pauses (nothing counted) and resumes (the paused events are counted)', async () => {
    const topic = await fixture.createTopic(1);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 100, max_time: 3600 });
    const r = await replica();
    await r.supervisor.start(config);
    await fixture.produce(topic, 5);
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.current_count === 5, { what: '5 counted' });

    await r.supervisor.pause(config.consumer_id);
    expect((await r.supervisor.info(config.consumer_id))?.state).toBe('paused');
    await fixture.produce(topic, 7, 5);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await r.supervisor.info(config.consumer_id))?.current_count).toBe(5);

    await r.supervisor.resume(config.consumer_id);
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.current_count === 12, { what: '12 counted after resume' });
    // A batch is counted first and committed after, so the lag reaches 0 a moment after the count.
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.lag === 0, { what: 'the resumed batch committed' });
    const info = await r.supervisor.info(config.consumer_id);
    expect(info).toMatchObject({ state: 'running', current_count: 12, lag: 0 });
  });

  it('updates a consumer in place: its window and offsets carry over, a lowered max_event closes the over-full window', async () => {
    const topic = await fixture.createTopic(1);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 100, max_time: 3600 });
    const r = await replica();
    await r.supervisor.start(config);
    await fixture.produce(topic, 30);
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.current_count === 30, { what: '30 counted' });

    await r.supervisor.update({ ...config, max_event: 20, pipeline_name: 'orders-etl-v2' });
    await fixture.produce(topic, 5, 30);
    const [job] = await fixture.waitForJobs(1, 'the over-full window closed');
    expect(job).toMatchObject({ event_count: 30, pipeline_name: 'orders-etl-v2', offsets: { 0: { first: '0', last: '29' } } });
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.current_count === 5, { what: 'the next window holds the 5 new events' });
    await expect(r.supervisor.update({ ...config, consumer_id: 'no-such-consumer' })).rejects.toThrow('no consumer no-such-consumer');
  });

  it('keeps independent offsets for two suffixes on one topic, and deleting a consumer deletes its group and its Redis state', async () => {
    const topic = await fixture.createTopic(2);
    const full = fixture.consumer({ kafka_topic: topic, max_event: 1000, max_time: 3600, group_suffix: 'full-index' });
    const incremental = fixture.consumer({ kafka_topic: topic, max_event: 1000, max_time: 3600, group_suffix: 'incremental' });
    const r = await replica();
    await r.supervisor.start(full);
    await fixture.produce(topic, 30);
    await waitFor(async () => (await r.supervisor.info(full.consumer_id))?.current_count === 30, { what: 'full-index counted 30' });
    await r.supervisor.start(incremental);
    await waitFor(async () => (await r.supervisor.info(incremental.consumer_id))?.current_count === 30, { what: 'incremental read the topic from the start on its own' });

    const admin = broker.kafka.admin();
    await admin.connect();
    const offsetsOf = async (groupId: string) => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(await offsetsOf(`${fixture.baseGroupId}-${topic}-full-index`)).toBe(30);
    expect(await offsetsOf(`${fixture.baseGroupId}-${topic}-incremental`)).toBe(30);

    expect(await r.supervisor.remove(full.consumer_id)).toEqual({ groupDeleted: true });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(groups).not.toContain(`${fixture.baseGroupId}-${topic}-full-index`);
    expect(groups).toContain(`${fixture.baseGroupId}-${topic}-incremental`);
    expect(await fixture.redis.exists(`consumer:${full.consumer_id}:events`, `{consumer:${full.consumer_id}:events}:offsets`)).toBe(0);
    expect(await r.supervisor.info(full.consumer_id)).toBeUndefined();
    await admin.disconnect();
  });

  it('re-sends a window its replica closed but crashed before enqueueing: one job, and the replayed events count zero times', async () => {
    const topic = await fixture.createTopic(1);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 2, max_time: 3600 });
    await fixture.produce(topic, 2);
    // The crashed replica got as far as the window script: events 0 and 1 counted, window 1 closed into the
    // outbox, no job, no Kafka commit.
    const redis = new Redis('redis://127.0.0.1:6379');
    const store = new WindowStore(redis, systemClock);
    expect((await store.countBatch(config.consumer_id, 2, topic, 0, ['0', '1'])).closedEpochs).toEqual([1]);

    const r = await replica({ PIPELINE_OUTBOX_RESEND_AFTER_MS: '100' });
    await r.supervisor.start(config);
    const [job] = await fixture.waitForJobs(1, 'the re-sent job');
    expect(job).toMatchObject({ window_epoch: 1, event_count: 2, offsets: { 0: { first: '0', last: '1' } } });
    await waitFor(async () => (await r.supervisor.info(config.consumer_id))?.lag === 0, { what: 'the redelivered events committed' });
    expect(await store.outbox(config.consumer_id)).toEqual([]);
    expect(await fixture.jobs()).toHaveLength(1);
    expect((await r.supervisor.info(config.consumer_id))?.current_count).toBe(0);
    await redis.quit();
  });
});
