// Drives @platformatic/kafka 1.x consumers with `groupProtocol: 'consumer'` (KIP-848: ConsumerGroupHeartbeat,
// server-side assignment, OffsetCommit v9 with the member epoch) against the broker; run by
// kip848-platformatic.int-spec.ts. An ES module (as the client is) run by plain node, so Jest never loads the client.
//
// Unlike compat-platformatic.mjs (one command in, one answer out) this is a session: the test writes one JSON
// command per line on stdin ({ id, op, ...args }) and reads one JSON line per command on stdout ({ id, result } or
// { id, error }), so that it can look at the broker between the client's steps (two consumers joining one after
// the other, one leaving). The consumers keep consuming in the background; "state" reports what each one owns and
// has seen, including heartbeat errors, which the client otherwise only emits as events.
import { createInterface } from 'node:readline';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';

let common;
let admin;
let producer;
/** name -> { consumer, stream, consumed: [{ key, partition, offset }], last: Map<partition key, message>, errors: [] } */
const consumers = new Map();

const errorText = (err) => `${err?.message ?? err}${err?.errors ? ` ${JSON.stringify(err.errors.map((e) => e.message))}` : ''}`;

function consumerState(name, c) {
  return {
    name,
    memberId: c.consumer.memberId,
    // [{ topic, partitions }] as the client applies them (after a Metadata round trip mapping ids to names).
    assignments: (c.consumer.assignments ?? []).map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y) })),
    consumed: c.consumed.length,
    errors: c.errors.slice(-5),
    heartbeats: c.heartbeats,
  };
}

const ops = {
  async init({ bootstrap }) {
    common = { clientId: 'platformatic-kip848', bootstrapBrokers: [bootstrap], retries: 0 };
    admin = new Admin(common);
    producer = new Producer({ ...common, serializers: stringSerializers });
    return {};
  },

  async createTopic({ topic, partitions }) {
    const [created] = await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
    return { name: created.name, id: created.id, partitions: created.partitions };
  },

  async produce({ topic, messages }) {
    const sent = await producer.send({ messages: messages.map((m) => ({ topic, partition: m.partition, key: m.key, value: m.value })) });
    return sent.offsets.map((o) => ({ partition: o.partition, offset: Number(o.offset) }));
  },

  /** A consumer in `groupId` with the consumer protocol, consuming `topic` from the committed offsets (earliest when none). */
  async startConsumer({ name, groupId, topic, assignor }) {
    const consumer = new Consumer({
      ...common,
      clientId: `platformatic-kip848-${name}`,
      groupId,
      groupProtocol: 'consumer',
      ...(assignor ? { groupRemoteAssignor: assignor } : {}),
      deserializers: stringDeserializers,
      // Sent in ConsumerGroupHeartbeat. The client still checks it against the classic sessionTimeout (default 60 s),
      // which the consumer protocol does not use (the broker's session timeout applies): both must be set together.
      sessionTimeout: 10_000,
      rebalanceTimeout: 15_000,
    });
    const c = { consumer, stream: null, consumed: [], last: new Map(), errors: [], heartbeats: 0 };
    consumers.set(name, c);
    // The client emits group problems as events; an 'error' event without a listener would kill the process.
    consumer.on('error', (err) => c.errors.push(`error: ${errorText(err)}`));
    consumer.on('consumer:heartbeat:error', (payload) => c.errors.push(`heartbeat: ${errorText(payload?.error)}`));
    consumer.on('consumer:heartbeat:end', () => c.heartbeats++);
    const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest', autocommit: false, maxWaitTime: 200 });
    c.stream = stream;
    stream.on('data', (message) => {
      c.consumed.push({ key: message.key, partition: message.partition, offset: Number(message.offset) });
      c.last.set(`${message.topic}:${message.partition}`, message);
    });
    stream.on('error', (err) => c.errors.push(`stream: ${errorText(err)}`));
    return { memberId: consumer.memberId };
  },

  async state() {
    return [...consumers].map(([name, c]) => consumerState(name, c));
  },

  async consumed({ name }) {
    return consumers.get(name).consumed;
  },

  /** Commits, for every partition this consumer owns and has read, the offset after the last message it read there. */
  async commit({ name }) {
    const c = consumers.get(name);
    const owned = new Set((c.consumer.assignments ?? []).flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)));
    const offsets = [...c.last.values()].filter((m) => owned.has(`${m.topic}:${m.partition}`)).map((m) => ({ topic: m.topic, partition: m.partition, offset: m.offset + 1n, leaderEpoch: 0 }));
    await c.consumer.commit({ offsets });
    return offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: Number(o.offset) })).sort((a, b) => a.partition - b.partition);
  },

  async listCommitted({ name, topic, partitions }) {
    const committed = await consumers.get(name).consumer.listCommittedOffsets({ topics: [{ topic, partitions }] });
    return Object.fromEntries([...committed].map(([t, offsets]) => [t, offsets.map(Number)]));
  },

  async groupOffsets({ groupId }) {
    return (await admin.listConsumerGroupOffsets({ groups: [groupId] })).map((g) => ({
      groupId: g.groupId,
      topics: g.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => [p.partitionIndex, Number(p.committedOffset)]).sort((a, b) => a[0] - b[0]) })),
    }));
  },

  async listGroups({ types }) {
    return [...(await admin.listGroups(types ? { types } : {})).values()];
  },

  /** DescribeGroups v5, the classic describe (the client's Admin has no ConsumerGroupDescribe); errors are returned, not thrown. */
  async describeGroups({ groupId }) {
    try {
      const group = (await admin.describeGroups({ groups: [groupId] })).get(groupId);
      return { id: group?.id, state: group?.state, protocol: group?.protocol, protocolType: group?.protocolType, members: group?.members?.size };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** Closes the stream, then the consumer: its close sends ConsumerGroupHeartbeat with member epoch -1 (leave). */
  async closeConsumer({ name }) {
    const c = consumers.get(name);
    await c.stream?.close();
    await c.consumer.close();
    return consumerState(name, c);
  },

  async exit() {
    await Promise.allSettled([...[...consumers.values()].map((c) => c.consumer.close(true)), producer?.close(), admin?.close()]);
    return {};
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, op, ...args } = JSON.parse(line);
  let reply;
  try {
    if (!ops[op]) throw new Error(`unknown op ${op}`);
    reply = { id, result: await ops[op](args) };
  } catch (err) {
    reply = { id, error: errorText(err) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
  if (op === 'exit') break;
}
process.exit(0);
