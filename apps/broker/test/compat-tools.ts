import { execFile, spawn } from 'node:child_process';
import {
  ApiKey,
  BatchAttribute,
  RECORD_BATCH_LOG_OVERHEAD,
  readRecordBatchHeader,
  type FetchResponse,
  type ListOffsetsResponse,
} from '@app/kafka-protocol';
import { ProtocolClient } from '@app/testing';

/** The system Python with the Debian client packages (python3-kafka, python3-confluent-kafka). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface KcatMessage {
  topic: string;
  partition: number;
  offset: number;
  ts: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

/** Runs kcat with the given args; stdin is written and closed. */
export async function kcat(args: string[], input?: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`kcat ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString('utf8').slice(-2000)}`));
    });
    child.stdin.end(input ?? '');
  });
}

/** Consumes a partition from the beginning to its end with kcat (assign mode, no group), as JSON. */
export async function kcatConsume(bootstrap: string, topic: string, partition: number): Promise<KcatMessage[]> {
  const out = await kcat(['-b', bootstrap, '-C', '-t', topic, '-p', String(partition), '-o', 'beginning', '-e', '-J', '-q', '-X', 'fetch.message.max.bytes=4194304']);
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as KcatMessage);
}

/** Runs a Python client script with the system interpreter; returns its parsed JSON output. */
export async function runPython<T>(script: string, command: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = execFile(SYSTEM_PYTHON, [script], { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${script} failed: ${err.message}\n${stderr.slice(-3000)}\n${stdout.slice(-1000)}`));
      else resolve(JSON.parse(stdout) as T);
    });
    child.stdin!.end(JSON.stringify(command));
  });
}

/** Raw stored batches of a partition from `offset`, read with a plain Fetch v11 (no client-side decoding). */
export async function fetchRawBatches(port: number, topic: string, partition: number, offset = 0n): Promise<Buffer[]> {
  const client = await ProtocolClient.connect(port);
  try {
    const res = await client.send<FetchResponse>(ApiKey.Fetch, 11, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 64 * 1024 * 1024,
      isolationLevel: 0,
      topics: [{ topic, partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: 64 * 1024 * 1024 }] }],
    });
    const records = res.responses[0].partitions[0].records ?? Buffer.alloc(0);
    const batches: Buffer[] = [];
    for (let at = 0; at + RECORD_BATCH_LOG_OVERHEAD <= records.length; ) {
      const size = records.readInt32BE(at + 8) + RECORD_BATCH_LOG_OVERHEAD;
      batches.push(Buffer.from(records.subarray(at, at + size)));
      at += size;
    }
    return batches;
  } finally {
    client.close();
  }
}

export function compressionOf(batch: Buffer): number {
  return readRecordBatchHeader(batch).attributes & BatchAttribute.compressionMask;
}

export async function latestOffset(port: number, topic: string, partition: number): Promise<bigint> {
  const client = await ProtocolClient.connect(port);
  try {
    const res = await client.send<ListOffsetsResponse>(ApiKey.ListOffsets, 1, {
      replicaId: -1,
      topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp: -1n }] }],
    });
    return res.topics[0].partitions[0].offset ?? -1n;
  } finally {
    client.close();
  }
}
