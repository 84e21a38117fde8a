import { AssignerProtocol, Kafka, logLevel, type Consumer, type SASLOptions } from 'kafkajs';
import { uniqueName } from '@app/testing';
import { BufferLease, BufferPool } from '../src/buffers/buffer-pool';
import { startTestBroker, type TestBroker } from './compat-broker';

/**
 * Request frames that fill every byte with 0xEE the moment their last reference is released, and are never reused.
 * With every frame pooled, a handler that kept a view of its request past the release (server/request-bytes.ts)
 * would hand clients poisoned bytes: records, member metadata and assignments, commit metadata, SASL state.
 */
class PoisoningFramePool extends BufferPool {
  leased = 0;
  released = 0;

  constructor() {
    super(0);
  }

  override lease(minSize: number): BufferLease {
    this.leased++;
    const buffer = Buffer.alloc(minSize);
    let done = false;
    return {
      buffer,
      release: () => {
        if (done) throw new Error('frame released twice');
        done = true;
        this.released++;
        buffer.fill(0xee);
      },
    };
  }
}

const SASL: SASLOptions = { mechanism: 'scram-sha-256', username: 'alice', password: 'alice-secret' };

describe('request bytes: no handler keeps a view of its request past the release', () => {
  const frames = new PoisoningFramePool();
  let broker: TestBroker;
  let kafka: Kafka;

  beforeAll(async () => {
    broker = await startTestBroker({
      // SCRAM takes two SaslAuthenticate round trips: state kept between them must not be a view either.
      sasl: { enabled: true, mechanisms: ['SCRAM-SHA-256'], users: new Map([['alice', 'alice-secret']]) },
      server: { frameBuffers: frames, pooledFrameMinBytes: 0 },
    });
    kafka = new Kafka({ clientId: 'request-bytes', brokers: [broker.bootstrap], sasl: SASL, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  });

  afterAll(async () => {
    await broker.stop();
  });

  it('produces, consumes in a group, commits and describes with every frame poisoned after its release', async () => {
    const topic = uniqueName('lease');
    const groupId = uniqueName('lease-group');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });

    const producer = kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `value-${i}-${'x'.repeat(i * 7)}`, headers: { n: String(i) }, partition: i % 2 }));
    // acks=all (answered after the fsync), acks=1 (answered once written) and acks=0 (no answer at all).
    await producer.send({ topic, acks: -1, messages: sent.slice(0, 20) });
    await producer.send({ topic, acks: 1, messages: sent.slice(20, 40) });
    await producer.send({ topic, acks: 0, messages: sent.slice(40) });

    const userData = Buffer.from('member-user-data:'.repeat(8));
    const received = new Map<string, { value: string; header: string }>();
    const consumers: Consumer[] = [];
    for (let i = 0; i < 2; i++) {
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
        heartbeatInterval: 500,
        partitionAssigners: [
          () => ({
            name: 'RoundRobinAssigner',
            version: 0,
            async assign({ members, topics }) {
              const assignment = members.map((m, n) => ({ memberId: m.memberId, partitions: n === 0 ? [0] : [1] }));
              if (members.length === 1) assignment[0].partitions = [0, 1];
              return assignment.map(({ memberId, partitions }) => ({
                memberId,
                memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { [topics[0]]: partitions }, userData }),
              }));
            },
            protocol({ topics }) {
              return { name: 'RoundRobinAssigner', metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData }) };
            },
          }),
        ],
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.set(message.key!.toString(), { value: message.value!.toString(), header: message.headers!.n!.toString() });
        },
      });
      consumers.push(consumer);
    }
    await waitFor(() => received.size === sent.length);
    await admin.setOffsets({ groupId: `${groupId}-manual`, topic, partitions: [{ partition: 0, offset: '7' }] });

    const described = (await admin.describeGroups([groupId])).groups[0];
    const offsets = await admin.fetchOffsets({ groupId: `${groupId}-manual`, topics: [topic] });
    for (const c of consumers) await c.disconnect();
    await producer.disconnect();
    await admin.disconnect();

    expect([...received.entries()].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(
      sent.map((m) => [m.key, { value: m.value, header: m.headers.n }]),
    );
    expect(described.state).toBe('Stable');
    expect(described.members).toHaveLength(2);
    for (const member of described.members) {
      const metadata = AssignerProtocol.MemberMetadata.decode(member.memberMetadata)!;
      expect(metadata.topics).toEqual([topic]);
      expect(metadata.userData).toEqual(userData);
      const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)!;
      expect(assignment.userData).toEqual(userData);
      expect(Object.keys(assignment.assignment)).toEqual([topic]);
    }
    expect(offsets[0].partitions.find((p) => p.partition === 0)?.offset).toBe('7');
    // Every frame was pooled and poisoned on release, so the run above went through the lease on every request.
    expect(frames.leased).toBeGreaterThan(40);
  });

  it('gives every request frame back once its connection is done with it', async () => {
    await waitFor(() => frames.released === frames.leased);
    expect(frames.released).toBe(frames.leased);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
