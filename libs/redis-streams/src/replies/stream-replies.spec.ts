import { parseAutoClaimReply, parseGroupsInfo, parsePendingDeliveryCounts, parseReadGroupReply } from './stream-replies';

describe('stream replies', () => {
  it('reads XREADGROUP entries, keeping deleted ones as null fields', () => {
    const reply = [['s', [['1-0', ['data', '{}', 'traceparent', 'tp']], ['2-0', null]]]];
    expect(parseReadGroupReply(reply)).toEqual([
      { id: '1-0', fields: { data: '{}', traceparent: 'tp' } },
      { id: '2-0', fields: null },
    ]);
    expect(parseReadGroupReply(null)).toEqual([]);
  });

  it('reads XAUTOCLAIM with and without the deleted-ids element', () => {
    expect(parseAutoClaimReply(['5-0', [['3-0', ['data', 'x']]], ['4-0']])).toEqual({
      cursor: '5-0',
      entries: [{ id: '3-0', fields: { data: 'x' } }],
      deletedIds: ['4-0'],
    });
    expect(parseAutoClaimReply(['0-0', []]).deletedIds).toEqual([]);
  });

  it('maps XPENDING rows to delivery counts', () => {
    expect(parsePendingDeliveryCounts([['1-0', 'c', 10, 3], ['2-0', 'c', 5, 1]])).toEqual(
      new Map([
        ['1-0', 3],
        ['2-0', 1],
      ]),
    );
  });

  it('reads XINFO GROUPS, lag null when Redis cannot compute it', () => {
    const reply = [
      ['name', 'g1', 'consumers', 2, 'pending', 7, 'last-delivered-id', '9-0', 'entries-read', 9, 'lag', 3],
      ['name', 'g2', 'consumers', 0, 'pending', 0, 'last-delivered-id', '0-0', 'entries-read', null, 'lag', null],
    ];
    expect(parseGroupsInfo(reply)).toEqual([
      { name: 'g1', consumers: 2, pending: 7, lastDeliveredId: '9-0', lag: 3 },
      { name: 'g2', consumers: 0, pending: 0, lastDeliveredId: '0-0', lag: null },
    ]);
  });
});
