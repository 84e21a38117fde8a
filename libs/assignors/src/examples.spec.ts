import { cooperativeStickyAssign } from './cooperative-sticky';
import { rangeAssign } from './range';
import { roundRobinAssign } from './roundrobin';
import { stickyAssign } from './sticky';
import type { AssignorMember, GroupAssignment } from './types';

/** Flattens an assignment into `member: t0-0 t0-1 ...` strings, easy to compare against the Kafka documentation. */
function show(assignment: GroupAssignment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [member, list] of assignment) {
    out[member] = list.flatMap(({ topic, partitions }) => partitions.map((p) => `${topic}-${p}`)).join(' ');
  }
  return out;
}

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));
const member = (memberId: string, topics: string[], extra: Partial<AssignorMember> = {}): AssignorMember => ({ memberId, topics, ...extra });

describe('range', () => {
  it('gives each member a contiguous block per topic, extras to the first members (Kafka RangeAssignor javadoc)', () => {
    const result = rangeAssign([member('C1', ['t0', 't1']), member('C0', ['t0', 't1'])], counts({ t0: 3, t1: 3 }));
    expect(show(result)).toEqual({ C1: 't0-2 t1-2', C0: 't0-0 t0-1 t1-0 t1-1' });
  });

  it('orders static members by instance id before dynamic members', () => {
    const result = rangeAssign(
      [member('a', ['t']), member('z', ['t'], { groupInstanceId: 'i-2' }), member('y', ['t'], { groupInstanceId: 'i-1' })],
      counts({ t: 3 }),
    );
    expect(show(result)).toEqual({ y: 't-0', z: 't-1', a: 't-2' });
  });

  it('ignores topics that do not exist and leaves members without partitions empty', () => {
    const result = rangeAssign([member('a', ['missing']), member('b', ['t'])], counts({ t: 1 }));
    expect(show(result)).toEqual({ a: '', b: 't-0' });
  });
});

describe('roundrobin', () => {
  it('deals the sorted union of partitions in turn (Kafka RoundRobinAssignor javadoc, identical subscriptions)', () => {
    const result = roundRobinAssign([member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])], counts({ t0: 3, t1: 3 }));
    expect(show(result)).toEqual({ C0: 't0-0 t0-2 t1-1', C1: 't0-1 t1-0 t1-2' });
  });

  it('skips members not subscribed to the topic (Kafka RoundRobinAssignor javadoc, different subscriptions)', () => {
    const result = roundRobinAssign(
      [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t0', 't1', 't2'])],
      counts({ t0: 1, t1: 2, t2: 3 }),
    );
    expect(show(result)).toEqual({ C0: 't0-0', C1: 't1-0', C2: 't1-1 t2-0 t2-1 t2-2' });
  });
});

describe('sticky', () => {
  const topics = ['t0', 't1', 't2', 't3'];
  const fourTopics = counts({ t0: 2, t1: 2, t2: 2, t3: 2 });

  it('keeps what survivors owned when a member leaves (KIP-54 example)', () => {
    const owned = (spec: string) =>
      spec.split(' ').map((tp) => ({ topic: tp.split('-')[0], partitions: [Number(tp.split('-')[1])] }));
    const result = stickyAssign(
      [
        member('C0', topics, { ownedPartitions: owned('t0-0 t1-1 t3-0') }),
        member('C2', topics, { ownedPartitions: owned('t1-0 t2-1') }),
      ],
      fourTopics,
    );
    const shown = show(result);
    expect(shown.C0.split(' ')).toEqual(expect.arrayContaining(['t0-0', 't1-1', 't3-0']));
    expect(shown.C2.split(' ')).toEqual(expect.arrayContaining(['t1-0', 't2-1']));
    expect(shown.C0.split(' ')).toHaveLength(4);
    expect(shown.C2.split(' ')).toHaveLength(4);
  });

  it('balances where round robin cannot (KIP-54 unequal subscriptions example)', () => {
    const result = stickyAssign(
      [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t0', 't1', 't2'])],
      counts({ t0: 1, t1: 2, t2: 3 }),
    );
    expect(show(result)).toEqual({ C0: 't0-0', C1: 't1-0 t1-1', C2: 't2-0 t2-1 t2-2' });
  });

  it('lets the higher generation win a partition claimed twice', () => {
    const result = stickyAssign(
      [
        member('a', ['t'], { ownedPartitions: [{ topic: 't', partitions: [0] }], generation: 3 }),
        member('b', ['t'], { ownedPartitions: [{ topic: 't', partitions: [0, 1] }], generation: 4 }),
      ],
      counts({ t: 2 }),
    );
    expect(show(result)).toEqual({ a: 't-1', b: 't-0' });
  });
});

describe('cooperative-sticky', () => {
  it('withholds partitions that change owner until the owner has revoked them', () => {
    const everything = [{ topic: 't', partitions: [0, 1, 2, 3] }];
    const first = cooperativeStickyAssign(
      [member('a', ['t'], { ownedPartitions: everything, generation: 1 }), member('b', ['t'])],
      counts({ t: 4 }),
    );
    expect(show(first)).toEqual({ a: 't-0 t-1', b: '' });

    const second = cooperativeStickyAssign(
      [member('a', ['t'], { ownedPartitions: first.get('a'), generation: 2 }), member('b', ['t'], { generation: 2 })],
      counts({ t: 4 }),
    );
    expect(show(second)).toEqual({ a: 't-0 t-1', b: 't-2 t-3' });
  });
});
