import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

/** The system interpreter, which has the Debian python3-confluent-kafka and python3-kafka packages. */
const SYSTEM_PYTHON = '/usr/bin/python3';

/** Runs one of the group-*.py scenario scripts with a JSON command on stdin; resolves its JSON output. */
export function runGroupScript<T>(script: 'group-confluent.py' | 'group-kafka-python.py', command: Record<string, unknown>, timeoutMs = 120_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = execFile(SYSTEM_PYTHON, [join(__dirname, script)], { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} ${String(command.scenario)} failed: ${error.message}\n${stderr.slice(-3000)}`));
      else resolve(JSON.parse(stdout) as T);
    });
    child.stdin!.end(JSON.stringify(command));
  });
}

/** A kcat balanced consumer (-G) printing "partition offset value" lines; kill it to stop. */
export function kcatGroupConsumer(bootstrap: string, groupId: string, topic: string): { child: ChildProcess; lines: () => string[] } {
  const child = spawn('kcat', ['-b', bootstrap, '-G', groupId, topic, '-o', 'beginning', '-q', '-u', '-f', '%p %o %s\\n', '-X', 'session.timeout.ms=6000', '-X', 'heartbeat.interval.ms=300'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, lines: () => out.split('\n').filter((l) => l.trim()) };
}

export async function createTopicAndProduce(bootstrap: string, topic: string, partitions: number, messages: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'group-tests-setup', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
  if (messages.length === 0) return;
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: messages.map((value, i) => ({ value, partition: i % partitions })) });
  await producer.disconnect();
}
