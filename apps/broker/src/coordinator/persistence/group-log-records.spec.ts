import { fromRecord, recordText, toRecord, type LogOp } from './group-log-records';

describe('group log records', () => {
  it('writes an offsets record by hand exactly as JSON.stringify writes it', () => {
    const op: LogOp = {
      op: 'offsets',
      groupId: 'g "quoted" \\ \u00e9\u{1F600}',
      offsets: [
        { topic: 't', partition: 0, offset: 9_007_199_254_740_993n, leaderEpoch: -1, metadata: '', commitTimestamp: 1_700_000_000_000, expireTimestamp: null },
        { topic: 'other\ntopic', partition: 7, offset: -1n, leaderEpoch: 3, metadata: 'm\u0000"x"', commitTimestamp: 5, expireTimestamp: 1_800_000_000_000 },
      ],
    };
    const text = recordText(op);
    expect(text).toBe(JSON.stringify(toRecord(op)));
    expect(fromRecord(JSON.parse(text))).toEqual(op);
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
