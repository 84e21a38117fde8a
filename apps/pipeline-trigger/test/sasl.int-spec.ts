import { startBrokerProcess, waitFor, type BrokerProcess } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import { startEngineReplica, type EngineReplica } from './support/engine-replica';
import { PipelineFixture } from './support/pipeline-fixture';

/** A consumer's `security`: the engine reaches a SASL-only cluster as that consumer's user. */
describe('a consumer with SASL credentials (our broker with SASL required)', () => {
  let broker: BrokerProcess;
  let fixture: PipelineFixture;
  let replica: EngineReplica;
  const sasl = { mechanism: 'scram-sha-256' as const, username: 'pipelines', password: 'pipelines-secret-1' };

  beforeAll(async () => {
    broker = await startBrokerProcess({ BROKER_SASL_ENABLED: 'true', BROKER_SASL_USERS: `${sasl.username}:${sasl.password}` }, { sasl: { ...sasl } }); // a copy: kafkajs adds fields to the object it is given
    fixture = new PipelineFixture(broker.kafka);
    // The wrong-password case makes kafkajs log its refusals; they are expected here.
    replica = await startEngineReplica({ ...fixture.env(broker.bootstrap), LOG_LEVEL: 'fatal' });
  });

  afterAll(async () => {
    await replica.stop();
    await fixture.close();
    await broker.stop();
  });

  it('counts, triggers and reports lag as the configured user', async () => {
    const topic = await fixture.createTopic(1);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 10, max_time: 3600, security: { ...sasl, ssl: false } });
    await replica.supervisor.start(config);
    await fixture.produce(topic, 10);
    const [job] = await fixture.waitForJobs(1, 'the count trigger');
    expect(job).toMatchObject({ event_count: 10, offsets: { 0: { first: '0', last: '9' } } });
    // The window is published before its batch is committed, so the lag reaches 0 a moment after the job.
    await waitFor(async () => (await replica.supervisor.info(config.consumer_id))?.lag === 0, { what: 'the batch committed' });
    expect(await replica.supervisor.info(config.consumer_id)).toMatchObject({ state: 'running', lag: 0 });
    expect(await replica.supervisor.remove(config.consumer_id)).toEqual({ groupDeleted: true });
  });

  it('refuses to start with a wrong password, naming the failure, and can be started again once fixed', async () => {
    const topic = await fixture.createTopic(1);
    const config = fixture.consumer({ kafka_topic: topic, max_event: 10, max_time: 3600, security: { ...sasl, password: 'wrong-password', ssl: false } });
    await expect(replica.supervisor.start(config)).rejects.toThrow();
    expect(await replica.supervisor.info(config.consumer_id)).toMatchObject({ state: 'failed', error: expect.stringMatching(/SASL|auth/i) });
    await replica.supervisor.start({ ...config, security: { ...sasl, ssl: false } });
    expect((await replica.supervisor.info(config.consumer_id))?.state).toBe('running');
  });

  it('the broker really refuses a client without credentials', async () => {
    const anonymous = new Kafka({ clientId: 'anon', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = anonymous.admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect();
  });
});
