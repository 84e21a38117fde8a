import type { ConsumerGroupChange, StoredGroup, StoredOffset } from './group-store';

/** One change, as applied to the live state. Each is one record (one frame), applied atomically on replay. */
export type LogOp =
  | { op: 'group'; group: StoredGroup }
  | { op: 'removeGroup'; groupId: string }
  | { op: 'offsets'; groupId: string; offsets: readonly StoredOffset[] }
  | { op: 'removeOffsets'; groupId: string; partitions: [string, number][] }
  | { op: 'consumerGroup'; groupId: string; change: ConsumerGroupChange }
  | { op: 'removeConsumerGroup'; groupId: string };

/** The same change as JSON in the file: bytes as base64, offsets as decimal strings. */
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

export function toRecord(op: LogOp): LogRecord {
  switch (op.op) {
    case 'group':
      return { op: 'group', group: groupToJson(op.group) };
    case 'offsets':
      return { op: 'offsets', groupId: op.groupId, offsets: op.offsets.map(offsetToJson) };
    default:
      return op;
  }
}

function offsetToJson(o: StoredOffset): StoredOffsetJson {
  return {
    topic: o.topic,
    partition: o.partition,
    offset: o.offset.toString(),
    leaderEpoch: o.leaderEpoch,
    metadata: o.metadata,
    commitTimestamp: o.commitTimestamp,
    expireTimestamp: o.expireTimestamp,
  };
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

/**
 * The JSON text of a record, as JSON.stringify(toRecord(op)) writes it. Offset records, one per commit, are written
 * by hand: no intermediate record objects and no generic walk on the path of every commit.
 */
export function recordText(op: LogOp): string {
  if (op.op !== 'offsets') return JSON.stringify(toRecord(op));
  let text = `{"op":"offsets","groupId":${JSON.stringify(op.groupId)},"offsets":[`;
  for (let i = 0; i < op.offsets.length; i++) {
    const o = op.offsets[i];
    if (i > 0) text += ',';
    text +=
      `{"topic":${JSON.stringify(o.topic)},"partition":${o.partition},"offset":"${o.offset}","leaderEpoch":${o.leaderEpoch},` +
      `"metadata":${JSON.stringify(o.metadata)},"commitTimestamp":${o.commitTimestamp},"expireTimestamp":${o.expireTimestamp}}`;
  }
  return `${text}]}`;
}
