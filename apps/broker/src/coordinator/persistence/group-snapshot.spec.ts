import fc from 'fast-check';
import { Group } from '../group/group';
import type { StoredGroup, StoredOffset } from './group-store';
import { restoreGroup, snapshotOf } from './group-snapshot';

const bytes = fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a));

/** A group as the group log holds it: unique member ids, a leader among them, one selected protocol. */
const storedGroup: fc.Arbitrary<StoredGroup> = fc
  .record({
    groupId: fc.string({ minLength: 1, maxLength: 12 }),
    generationId: fc.integer({ min: 1, max: 1_000 }),
    protocolName: fc.constantFrom('range', 'roundrobin', 'cooperative-sticky'),
    currentStateTimestamp: fc.integer({ min: 0, max: 2 ** 40 }),
    members: fc.uniqueArray(
      fc.record({
        memberId: fc.string({ minLength: 1, maxLength: 10 }),
        groupInstanceId: fc.option(fc.string({ minLength: 1, maxLength: 6 }), { nil: null }),
        clientId: fc.string({ maxLength: 8 }),
        clientHost: fc.constantFrom('/127.0.0.1', '/10.0.0.7'),
        rebalanceTimeoutMs: fc.integer({ min: 1, max: 300_000 }),
        sessionTimeoutMs: fc.integer({ min: 1, max: 300_000 }),
        subscription: bytes,
        assignment: bytes,
      }),
      { minLength: 1, maxLength: 6, selector: (m) => m.memberId },
    ),
    leaderIndex: fc.nat(),
  })
  .filter(({ members }) => new Set(members.map((m) => m.groupInstanceId).filter((id) => id !== null)).size === members.filter((m) => m.groupInstanceId !== null).length)
  .map(({ leaderIndex, ...g }) => ({ ...g, protocolType: 'consumer', leaderId: g.members[leaderIndex % g.members.length].memberId }));

const offsets: fc.Arbitrary<StoredOffset[]> = fc.uniqueArray(
  fc.record({
    topic: fc.constantFrom('orders', 'payments'),
    partition: fc.nat({ max: 5 }),
    offset: fc.bigInt({ min: 0n, max: 2n ** 62n }),
    leaderEpoch: fc.integer({ min: -1, max: 10 }),
    metadata: fc.string({ maxLength: 8 }),
    commitTimestamp: fc.nat(),
    expireTimestamp: fc.option(fc.nat(), { nil: null }),
  }),
  { selector: (o) => `${o.topic}-${o.partition}` },
);

describe('group snapshot and restore', () => {
  it('restores what it stored: snapshot(restore(stored)) is the stored group, Stable, with every offset', () => {
    fc.assert(
      fc.property(storedGroup, offsets, (stored, storedOffsets) => {
        const group = new Group(stored.groupId, 0);
        expect(restoreGroup(group, stored, storedOffsets)).toBe(true);
        expect(group.state).toBe('Stable');
        expect(snapshotOf(group)).toEqual(stored);
        for (const { topic, partition, ...value } of storedOffsets) expect(group.offsets.get(topic)?.get(partition)).toEqual(value);
      }),
    );
  });

  it('elects the first member when the stored leader is gone, and comes back Empty without members', () => {
    const group = new Group('g', 0);
    const stored: StoredGroup = {
      groupId: 'g', protocolType: 'consumer', generationId: 3, protocolName: 'range', leaderId: 'gone', currentStateTimestamp: 5,
      members: [{ memberId: 'a', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeoutMs: 1, sessionTimeoutMs: 1, subscription: Buffer.from('s'), assignment: Buffer.from('x') }],
    };
    restoreGroup(group, stored, []);
    expect(group.leaderId).toBe('a');

    const empty = new Group('e', 0);
    expect(restoreGroup(empty, { ...stored, groupId: 'e', members: [], leaderId: null }, [])).toBe(true);
    expect(empty.state).toBe('Empty');
    expect(restoreGroup(new Group('o', 0), null, [])).toBe(false);
  });

  it('stores a new assignment before the members have it', () => {
    const group = new Group('g', 0);
    const stored: StoredGroup = {
      groupId: 'g', protocolType: 'consumer', generationId: 1, protocolName: 'range', leaderId: 'a', currentStateTimestamp: 0,
      members: [{ memberId: 'a', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeoutMs: 1, sessionTimeoutMs: 1, subscription: Buffer.from('s'), assignment: Buffer.from('old') }],
    };
    restoreGroup(group, stored, []);
    expect(snapshotOf(group, new Map([['a', Buffer.from('new')]])).members[0].assignment).toEqual(Buffer.from('new'));
    expect(group.get('a').assignment).toEqual(Buffer.from('old'));
  });
});
