import { ProtocolDecodeError } from '@app/kafka-protocol';
import { decodeFrames } from './framed-log';
import { GroupLogFrames } from './group-log-frames';
import { decodeLogPayload, fromRecord, recordText, type LogOp } from './group-log-records';

const commits = (groupId: string): LogOp => ({
  op: 'offsets',
  groupId,
  offsets: [
    { topic: 't', partition: 0, offset: 9_007_199_254_740_993n, leaderEpoch: -1, metadata: '', commitTimestamp: 1_700_000_000_000, expireTimestamp: null },
    { topic: 'other\ntopic \u00e9', partition: 2_147_483_647, offset: -1n, leaderEpoch: 3, metadata: 'm\u0000"x"'.repeat(5000), commitTimestamp: 0, expireTimestamp: 1_800_000_000_000 },
  ],
});

/** The frames a write batch of `ops` makes. */
function write(ops: LogOp[]): Buffer[] {
  const frames = new GroupLogFrames();
  for (const op of ops) frames.add(op);
  return frames.finish();
}

/** Frames as the log file holds them, read back change by change. */
function replay(frames: Buffer[]): LogOp[] {
  const { payloads, validLength } = decodeFrames(Buffer.concat(frames));
  expect(validLength).toBe(frames.reduce((n, f) => n + f.length, 0));
  return payloads.flatMap(decodeLogPayload);
}

describe('group log records', () => {
  it('round-trips offset commits through binary frames: int64 offsets, long and odd strings, no expiry and an expiry', () => {
    const ops = [commits('g "quoted" \\ \u00e9\u{1F600}'), commits(''), { ...commits('one'), offsets: [] }];
    const written = write(ops);
    expect(written).toHaveLength(1);
    expect(replay(written)).toEqual(ops);
  });

  it('keeps the order of commits and other changes, and starts a new frame of commits after each other change', () => {
    const ops: LogOp[] = [commits('a'), { op: 'removeGroup', groupId: 'a' }, commits('a'), commits('b'), { op: 'removeOffsets', groupId: 'b', partitions: [['t', 0]] }];
    const written = write(ops);
    expect(written).toHaveLength(4);
    expect(replay(written)).toEqual(ops);
  });

  it('replays offsets records of logs written before commits were binary (JSON, offsets as decimal strings)', () => {
    // As brokers before the binary format wrote a commit, byte for byte.
    const text =
      '{"op":"offsets","groupId":"g","offsets":[{"topic":"t","partition":0,"offset":"9007199254740993","leaderEpoch":-1,' +
      '"metadata":"","commitTimestamp":1700000000000,"expireTimestamp":null},{"topic":"u","partition":7,"offset":"-1",' +
      '"leaderEpoch":3,"metadata":"m\\u0000\\"x\\"","commitTimestamp":5,"expireTimestamp":1800000000000}]}';
    expect(decodeLogPayload(Buffer.from(text))).toEqual([
      {
        op: 'offsets',
        groupId: 'g',
        offsets: [
          { topic: 't', partition: 0, offset: 9_007_199_254_740_993n, leaderEpoch: -1, metadata: '', commitTimestamp: 1_700_000_000_000, expireTimestamp: null },
          { topic: 'u', partition: 7, offset: -1n, leaderEpoch: 3, metadata: 'm\u0000"x"', commitTimestamp: 5, expireTimestamp: 1_800_000_000_000 },
        ],
      },
    ]);
  });

  it('refuses a binary frame cut inside a commit instead of inventing values', () => {
    const payload = decodeFrames(write([commits('g')])[0]).payloads[0];
    expect(() => decodeLogPayload(payload.subarray(0, payload.length - 3))).toThrow(ProtocolDecodeError);
  });

  it('round-trips group records, bytes included', () => {
    const op: LogOp = {
      op: 'group',
      group: {
        groupId: 'g',
        protocolType: 'consumer',
        generationId: 4,
        protocolName: 'range',
        leaderId: 'a',
        currentStateTimestamp: 9,
        members: [{ memberId: 'a', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeoutMs: 1, sessionTimeoutMs: 2, subscription: Buffer.from([0, 255]), assignment: Buffer.alloc(0) }],
      },
    };
    expect(fromRecord(JSON.parse(recordText(op)))).toEqual(op);
  });
});
