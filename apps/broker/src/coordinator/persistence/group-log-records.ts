import { Reader, type Writer } from '@app/kafka-protocol';
import type { ConsumerGroupChange, StoredGroup, StoredOffset } from './group-store';

/**
 * One change, as applied to the live state. A JSON change is one frame; the commits of one write batch share a binary
 * frame. A frame is applied whole on replay.
 */
export type LogOp =
  | { op: 'group'; group: StoredGroup }
  | { op: 'removeGroup'; groupId: string }
  | { op: 'offsets'; groupId: string; offsets: readonly StoredOffset[] }
  | { op: 'removeOffsets'; groupId: string; partitions: [string, number][] }
  | { op: 'consumerGroup'; groupId: string; change: ConsumerGroupChange }
  | { op: 'removeConsumerGroup'; groupId: string };

/**
 * A change as JSON in the file: bytes as base64. Offset commits, most of what the log ever holds, are written binary
 * (below); their JSON form, offsets as decimal strings, is only read, from logs written before commits were binary.
 */
export type LogRecord =
  | { op: 'group'; group: StoredGroupJson }
  | { op: 'removeGroup'; groupId: string }
  | { op: 'offsets'; groupId: string; offsets: StoredOffsetJson[] }
  | { op: 'removeOffsets'; groupId: string; partitions: [string, number][] }
  | { op: 'consumerGroup'; groupId: string; change: ConsumerGroupChange }
  | { op: 'removeConsumerGroup'; groupId: string };

type StoredGroupJson = Omit<StoredGroup, 'members'> & {
  members: (Omit<StoredGroup['members'][number], 'subscription' | 'assignment'> & { subscription: string; assignment: string })[];
};
type StoredOffsetJson = Omit<StoredOffset, 'offset'> & { offset: string };

/** The changes written as JSON: every one but offset commits. */
export type JsonLogOp = Exclude<LogOp, { op: 'offsets' }>;

function toRecord(op: JsonLogOp): LogRecord {
  return op.op === 'group' ? { op: 'group', group: groupToJson(op.group) } : op;
}

export function fromRecord(record: LogRecord): LogOp {
  switch (record.op) {
    case 'group':
      return { op: 'group', group: groupFromJson(record.group) };
    case 'offsets':
      return { op: 'offsets', groupId: record.groupId, offsets: record.offsets.map((o) => ({ ...o, offset: BigInt(o.offset) })) };
    default:
      return record;
  }
}

function groupToJson(group: StoredGroup): StoredGroupJson {
  return {
    ...group,
    members: group.members.map((m) => ({ ...m, subscription: m.subscription.toString('base64'), assignment: m.assignment.toString('base64') })),
  };
}

function groupFromJson(group: StoredGroupJson): StoredGroup {
  return {
    ...group,
    members: group.members.map((m) => ({ ...m, subscription: Buffer.from(m.subscription, 'base64'), assignment: Buffer.from(m.assignment, 'base64') })),
  };
}

/** The JSON text of a record. */
export function recordText(op: JsonLogOp): string {
  return JSON.stringify(toRecord(op));
}

/**
 * First byte of a frame of binary offset commits. A JSON record starts with `{` (0x7b), so the first byte of a payload
 * tells the two apart, and logs written before commits were binary replay unchanged.
 */
export const OFFSET_COMMITS_TAG = 0x01;

/**
 * Appends the commits of one group to a frame of binary offset commits (after its tag):
 *
 *   group id (compact string), count (uvarint), then per offset: topic (compact string), partition (int32),
 *   offset (int64), leader epoch (int32), metadata (compact string), commit timestamp (float64, ms),
 *   expire timestamp (float64, ms; -1 for none: both are at least 0 otherwise).
 *
 * Written straight into the batch's buffer: JSON text and a frame per commit took ~9 % of the broker's CPU samples at
 * full commit load (string building, UTF-8 encoding, a checksum call each), besides their garbage, and a binary
 * record is a fifth of the bytes the fsync has to carry (bench/coordinator/offset-commits.ts).
 */
export function writeOffsetCommits(w: Writer, groupId: string, offsets: readonly StoredOffset[]): void {
  w.compactString(groupId).uvarint(offsets.length);
  for (const o of offsets) {
    w.compactString(o.topic).int32(o.partition).int64(o.offset).int32(o.leaderEpoch).compactString(o.metadata);
    w.float64(o.commitTimestamp).float64(o.expireTimestamp ?? -1);
  }
}

/** The changes one frame's payload holds: one JSON record, or the commits of a binary frame in the order written. */
export function decodeLogPayload(payload: Buffer): LogOp[] {
  if (payload[0] !== OFFSET_COMMITS_TAG) return [fromRecord(JSON.parse(payload.toString('utf8')) as LogRecord)];
  const r = new Reader(payload, 1);
  const ops: LogOp[] = [];
  while (r.remaining > 0) {
    const groupId = r.compactString();
    const offsets: StoredOffset[] = new Array(r.uvarint());
    for (let i = 0; i < offsets.length; i++) {
      const topic = r.compactString();
      const partition = r.int32();
      const offset = r.int64();
      const leaderEpoch = r.int32();
      const metadata = r.compactString();
      const commitTimestamp = r.float64();
      const expireTimestamp = r.float64();
      offsets[i] = { topic, partition, offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp: expireTimestamp < 0 ? null : expireTimestamp };
    }
    ops.push({ op: 'offsets', groupId, offsets });
  }
  return ops;
}
