// Drives @platformatic/kafka 1.x (flexible protocol versions only) against the broker; run by
// compat-platformatic.int-spec.ts and bench/broker/capture-requests.ts. It is an ES module (as the client is)
// run by plain node, so Jest never loads the client. Reads one JSON command on stdin, writes JSON on stdout:
// what the client saw, for the test to compare with what the broker holds.
import { Socket } from 'node:net';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';

// With "capture": true, every request frame the client writes is also returned (hex, without its size prefix),
// for the captured-frames fixture (bench/broker/capture-requests.ts).
const frames = [];
function captureRequests() {
  const write = Socket.prototype.write;
  const pending = new WeakMap();
  Socket.prototype.write = function (chunk, ...rest) {
    if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) {
      let buf = Buffer.concat([pending.get(this) ?? Buffer.alloc(0), Buffer.from(chunk)]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        frames.push(buf.subarray(4, 4 + buf.readInt32BE(0)).toString('hex'));
        buf = buf.subarray(4 + buf.readInt32BE(0));
      }
      pending.set(this, buf);
    }
    return write.call(this, chunk, ...rest);
  };
}

const input = await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (d) => (text += d));
  process.stdin.on('end', () => resolve(JSON.parse(text)));
});
// groupProtocol: 'classic' (JoinGroup/SyncGroup/Heartbeat) or 'consumer' (KIP-848 ConsumerGroupHeartbeat).
const { bootstrap, topic, groupId, messages, groupProtocol = 'classic' } = input;
if (input.capture) captureRequests();
const common = { clientId: 'platformatic-compat', bootstrapBrokers: [bootstrap], retries: 0 };
const out = {};

const admin = new Admin(common);
const producer = new Producer({ ...common, serializers: stringSerializers });
const consumer = new Consumer({
  ...common,
  // With the consumer protocol, leaving the `for await` loop below unsubscribes (a heartbeat with no topics, a new
  // member epoch); an OffsetFetch v9 sent at the old epoch meanwhile is STALE_MEMBER_EPOCH, as Kafka answers, and the
  // client heartbeats and asks again, but only with retries left.
  retries: groupProtocol === 'consumer' ? 3 : 0,
  groupId,
  groupProtocol,
  deserializers: stringDeserializers,
  sessionTimeout: 10_000,
  heartbeatInterval: 500,
  rebalanceTimeout: 15_000,
});
try {
  out.created = (await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1, configs: [{ name: 'retention.ms', value: '86400000' }] })).map(
    (t) => ({ name: t.name, id: t.id, partitions: t.partitions, replicas: t.replicas, configs: t.configs }),
  );
  out.listedAfterCreate = (await admin.listTopics()).sort();
  const metadata = await admin.metadata({ topics: [topic] });
  const described = metadata.topics.get(topic);
  out.described = { id: described.id, partitionsCount: described.partitionsCount, leaders: described.partitions.map((p) => p.leader), epochs: described.partitions.map((p) => p.leaderEpoch) };

  const produced = await producer.send({
    messages: messages.map((m) => ({ topic, partition: m.partition, key: m.key, value: m.value, headers: { h: m.key } })),
  });
  out.produced = produced.offsets.map((o) => ({ partition: o.partition, offset: Number(o.offset) }));

  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false, maxWaitTime: 200 });
  const consumed = [];
  for await (const message of stream) {
    consumed.push({ partition: message.partition, offset: Number(message.offset), key: message.key, value: message.value, header: message.headers.get('h') });
    await message.commit();
    if (consumed.length === messages.length) break;
  }
  out.consumed = consumed.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  // A member heartbeats (Heartbeat v4, or ConsumerGroupHeartbeat v1) while it holds its assignment: wait for one.
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no heartbeat within 10 s')), 10_000);
    consumer.once('consumer:heartbeat:end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  out.heartbeat = true;

  out.committed = Object.fromEntries(
    [...(await consumer.listCommittedOffsets({ topics: [{ topic, partitions: [0, 1] }] })).entries()].map(([t, offsets]) => [t, offsets.map(Number)]),
  );
  out.groupOffsets = (await admin.listConsumerGroupOffsets({ groups: [groupId] })).map((g) => ({
    groupId: g.groupId,
    topics: g.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => [p.partitionIndex, Number(p.committedOffset)]) })),
  }));
  out.groups = [...(await admin.listGroups({ types: [groupProtocol] })).values()].map((g) => ({ id: g.id, state: g.state, protocolType: g.protocolType }));
  const group = (await admin.describeGroups({ groups: [groupId] })).get(groupId);
  out.describedGroup = { id: group.id, state: group.state, protocol: group.protocol, protocolType: group.protocolType, members: group.members.size };
  out.offsets = Object.fromEntries([...(await consumer.listOffsets({ topics: [topic] })).entries()].map(([t, offsets]) => [t, offsets.map(Number)]));
  out.earliest = Object.fromEntries([...(await consumer.listOffsets({ topics: [topic], timestamp: -2n })).entries()].map(([t, offsets]) => [t, offsets.map(Number)]));

  await consumer.close(true);
  out.groupsAfterLeave = [...(await admin.listGroups({ types: [groupProtocol] })).values()].filter((g) => g.id === groupId).map((g) => g.state);
  await admin.deleteGroups({ groups: [groupId] });
  out.groupsAfterDelete = [...(await admin.listGroups({ types: [groupProtocol] })).values()].filter((g) => g.id === groupId).length;
  await admin.deleteTopics({ topics: [topic] });
  out.listedAfterDelete = (await admin.listTopics()).sort();
} catch (err) {
  out.error = `${err?.message ?? err}${err?.errors ? ` ${JSON.stringify(err.errors.map((e) => e.message))}` : ''}`;
} finally {
  await Promise.allSettled([producer.close(), consumer.close(true), admin.close()]);
}
if (input.capture) out.frames = frames;
process.stdout.write(JSON.stringify(out));
