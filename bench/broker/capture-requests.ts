/**
 * Captures request frames sent by real clients (kcat/librdkafka, kafka-python, kafkajs) to the broker
 * (the same plain assembly the benchmark uses), through a recording TCP proxy, and writes one frame per
 * (client, API, version) to libs/kafka-protocol/fixtures/captured-requests.json, which
 * libs/kafka-protocol/src/captured-requests.spec.ts decodes and re-encodes byte for byte.
 * @platformatic/kafka (flexible versions only, group APIs of both protocols included) runs against the built broker
 * (dist/apps/broker/main.js: the plain assembly has no group coordinator) and records what it writes itself
 * (apps/broker/test/compat-platformatic.mjs), since the broker advertises its own port to clients.
 * Not a benchmark; it lives here because it needs the broker.
 *
 *   npx nx build broker && npx tsx bench/broker/capture-requests.ts
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@app/testing';
import { startPlainBroker } from './plain-broker';

/** Runs a client to completion without blocking this process, which also runs the proxy and the broker. */
function runClient(cmd: string, args: string[], input = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 30_000 }, (err) => (err ? reject(err) : resolve()));
    child.stdin!.end(input);
  });
}

interface Captured {
  client: string;
  apiKey: number;
  apiVersion: number;
  hex: string;
}

/** A free loopback port (listen on 0, read it, close). */

/**
 * Runs the @platformatic/kafka scenario against the built broker, with a classic or a KIP-848 group; returns the
 * request frames it wrote (hex).
 */
async function capturePlatformatic(groupProtocol: 'classic' | 'consumer'): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'capture-platformatic-'));
  const port = await freePort();
  const broker = spawn(process.execPath, [join(__dirname, '../../dist/apps/broker/main.js')], {
    stdio: 'ignore',
    env: {
      ...process.env,
      BROKER_PORT: String(port),
      BROKER_HTTP_PORT: String(await freePort()),
      BROKER_DATA_DIR: dataDir,
      BROKER_ADVERTISED_HOST: '127.0.0.1',
      BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      BROKER_GROUP_MIN_SESSION_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'warn',
    },
  });
  try {
    for (let i = 0; ; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const s = connect({ host: '127.0.0.1', port }, () => resolve(true)).on('error', () => resolve(false));
        s.unref();
        s.once('connect', () => s.destroy());
      });
      if (up) break;
      if (i > 100) throw new Error('the built broker did not start (npx nx build broker first)');
      await new Promise((r) => setTimeout(r, 100));
    }
    const command = {
      capture: true,
      groupProtocol,
      bootstrap: `127.0.0.1:${port}`,
      topic: 'capture',
      groupId: 'capture-group',
      messages: [
        { partition: 0, key: 'k', value: 'v' },
        { partition: 1, key: 'k2', value: 'v2' },
      ],
    };
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(process.execPath, [join(__dirname, '../../apps/broker/test/compat-platformatic.mjs')], { timeout: 60_000 }, (err, out) =>
        err ? reject(err) : resolve(out),
      );
      child.stdin!.end(JSON.stringify(command));
    });
    const result = JSON.parse(stdout) as { error?: string; frames: string[] };
    if (result.error) throw new Error(`@platformatic/kafka: ${result.error}`);
    return result.frames;
  } finally {
    broker.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function recordFrames(client: string, out: Map<string, Captured>) {
  let pending = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      const frame = pending.subarray(4, 4 + pending.readInt32BE(0));
      pending = pending.subarray(4 + frame.length);
      if (frame.length < 4) continue;
      const apiKey = frame.readInt16BE(0);
      const apiVersion = frame.readInt16BE(2);
      const key = `${client}/${apiKey}/${apiVersion}`;
      // Keep the first frame per API/version, but only frames small enough to read in a diff.
      if (!out.has(key) && frame.length <= 2048) out.set(key, { client, apiKey, apiVersion, hex: frame.toString('hex') });
    }
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'capture-'));
  const broker = await startPlainBroker(dir);
  await broker.topics.createTopic({ name: 'capture', numPartitions: 1, replicationFactor: 1 });
  const captured = new Map<string, Captured>();
  let client = 'none';
  const proxy = createServer((inbound: Socket) => {
    const outbound = connect({ host: '127.0.0.1', port: broker.port });
    inbound.on('data', recordFrames(client, captured));
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const port = (proxy.address() as { port: number }).port;
  const bootstrap = `127.0.0.1:${port}`;
  // Advertise the proxy, so the connections clients open after Metadata are recorded too.
  broker.identity.advertisedPort = port;
  try {
    client = 'librdkafka';
    await runClient('kcat', ['-b', bootstrap, '-P', '-t', 'capture', '-p', '0', '-K', ':', '-X', 'enable.idempotence=true'], 'k:v\n');
    await runClient('kcat', ['-b', bootstrap, '-C', '-t', 'capture', '-p', '0', '-o', 'beginning', '-e', '-q']);
    client = 'kafka-python';
    await runClient('/usr/bin/python3', ['-c', `
from kafka import KafkaProducer, KafkaConsumer, TopicPartition
p = KafkaProducer(bootstrap_servers='${bootstrap}')
p.send('capture', key=b'k', value=b'v', headers=[('h', b'x')]).get(10)
p.close()
c = KafkaConsumer(bootstrap_servers='${bootstrap}', enable_auto_commit=False)
tp = TopicPartition('capture', 0)
c.assign([tp]); c.seek_to_beginning(tp); c.poll(timeout_ms=2000); c.close()
`]);
    client = 'kafkajs';
    const kafka = new Kafka({ clientId: 'capture', brokers: [bootstrap], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'capture', messages: [{ key: 'k', value: 'v', headers: { h: 'x' } }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.fetchTopicOffsets('capture');
    await admin.disconnect();
    const platformatic = recordFrames('platformatic', captured);
    const platformaticFrames = [...(await capturePlatformatic('classic')), ...(await capturePlatformatic('consumer'))];
    for (const hex of platformaticFrames) {
      const frame = Buffer.from(hex, 'hex');
      const size = Buffer.alloc(4);
      size.writeInt32BE(frame.length);
      platformatic(Buffer.concat([size, frame]));
    }
  } finally {
    proxy.close();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const fixtures = [...captured.values()].sort((a, b) => a.client.localeCompare(b.client) || a.apiKey - b.apiKey || a.apiVersion - b.apiVersion);
  writeFileSync(join(__dirname, '../../libs/kafka-protocol/fixtures/captured-requests.json'), `${JSON.stringify(fixtures, null, 2)}\n`);
  process.stdout.write(`captured ${fixtures.length} request frames\n`);
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
