import fc from 'fast-check';
import { cooperativeStickyAssign } from './cooperative-sticky';
import { rangeAssign } from './range';
import { roundRobinAssign } from './roundrobin';
import { stickyAssign } from './sticky';
import type { AssignFunction, AssignorMember, GroupAssignment, PartitionCounts } from './types';

const TOPICS = ['a', 'b', 'c', 'd'];

interface Scenario {
  members: AssignorMember[];
  counts: PartitionCounts;
}

/** Owner of every assigned partition, failing on a partition assigned twice. */
function owners(assignment: GroupAssignment): Map<string, string> {
  const result = new Map<string, string>();
  for (const [member, list] of assignment) {
    for (const { topic, partitions } of list) {
      for (const p of partitions) {
        const key = `${topic}/${p}`;
        if (result.has(key)) throw new Error(`${key} assigned to ${result.get(key)} and ${member}`);
        result.set(key, member);
      }
    }
  }
  return result;
}

function load(assignment: GroupAssignment, memberId: string): number {
  return (assignment.get(memberId) ?? []).reduce((n, { partitions }) => n + partitions.length, 0);
}

/** Partitions that exist and that at least one member subscribes to. */
function assignable({ members, counts }: Scenario): Set<string> {
  const result = new Set<string>();
  for (const topic of new Set(members.flatMap((m) => m.topics))) {
    for (let p = 0; p < (counts.get(topic) ?? 0); p++) result.add(`${topic}/${p}`);
  }
  return result;
}

const countsArb = fc
  .record({ a: fc.nat(12), b: fc.nat(6), c: fc.nat(3), d: fc.constant(0) })
  .map((c) => new Map(Object.entries(c).filter(([, n]) => n > 0)) as PartitionCounts);

const memberIdsArb = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}-[0-9]{1,2}$/), { minLength: 1, maxLength: 7 });

/** Random owned partitions, including ones that are duplicated, out of range or for unknown topics. */
const ownedArb = fc.array(
  fc.record({ topic: fc.constantFrom(...TOPICS, 'gone'), partitions: fc.uniqueArray(fc.nat(13), { maxLength: 4 }) }),
  { maxLength: 3 },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(memberIdsArb, countsArb)
  .chain(([ids, counts]) =>
    fc.tuple(
      fc.tuple(
        ...ids.map((memberId) =>
          fc.record({
            memberId: fc.constant(memberId),
            groupInstanceId: fc.option(fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'), { nil: undefined }),
            topics: fc.subarray(TOPICS),
            ownedPartitions: ownedArb,
            generation: fc.integer({ min: -1, max: 3 }),
          }),
        ),
      ),
      fc.constant(counts),
    ),
  )
  .map(([members, counts]) => ({ members: dedupeInstanceIds(members), counts }));

function dedupeInstanceIds(members: AssignorMember[]): AssignorMember[] {
  const seen = new Set<string>();
  return members.map((m) => {
    if (!m.groupInstanceId || seen.has(m.groupInstanceId)) return { ...m, groupInstanceId: undefined };
    seen.add(m.groupInstanceId);
    return m;
  });
}

/**
 * Members with identical subscriptions owning a consistent previous assignment (what a real group looks like
 * between rebalances): some previous owners left, some members are new.
 */
const uniformScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(memberIdsArb, countsArb.filter((c) => c.size > 0), fc.integer({ min: 1, max: 4 }))
  .chain(([ids, counts, leftCount]) => {
    const topics = [...counts.keys()];
    const partitions = topics.flatMap((topic) => Array.from({ length: counts.get(topic)! }, (_, p) => ({ topic, p })));
    const previousOwners = [...ids, ...Array.from({ length: leftCount }, (_, i) => `left-${i}`)];
    return fc
      .tuple(...partitions.map(() => fc.option(fc.constantFrom(...previousOwners), { nil: undefined })))
      .map((owner) => {
        const members = ids.map((memberId) => {
          const owned = new Map<string, number[]>();
          partitions.forEach(({ topic, p }, i) => {
            if (owner[i] === memberId) owned.set(topic, [...(owned.get(topic) ?? []), p]);
          });
          return {
            memberId,
            topics,
            generation: 5,
            ownedPartitions: [...owned].map(([topic, ps]) => ({ topic, partitions: ps })),
          };
        });
        return { members, counts };
      });
  });

const eager: Record<string, AssignFunction> = { range: rangeAssign, roundrobin: roundRobinAssign, sticky: stickyAssign };

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Previously owned partitions (for members still present and subscribed) that now have another owner. */
function moves(scenario: Scenario, assignment: GroupAssignment): number {
  const now = owners(assignment);
  let moved = 0;
  for (const m of scenario.members) {
    for (const { topic, partitions } of m.ownedPartitions ?? []) {
      if (!m.topics.includes(topic)) continue;
      for (const p of partitions) if (p < (scenario.counts.get(topic) ?? 0) && now.get(`${topic}/${p}`) !== m.memberId) moved++;
    }
  }
  return moved;
}

/** The fewest moves any balanced assignment needs: the extra slots go to the members that own the most. */
function minimalMoves(scenario: Scenario): number {
  const total = assignable(scenario).size;
  const n = scenario.members.length;
  const owned = scenario.members
    .map((m) => (m.ownedPartitions ?? []).reduce((k, { partitions }) => k + partitions.length, 0))
    .sort((x, y) => y - x);
  const quota = Math.floor(total / n);
  return owned.reduce((sum, o, i) => sum + Math.max(0, o - (quota + (i < total % n ? 1 : 0))), 0);
}

describe('every assignor', () => {
  it.each(Object.entries(eager))('%s assigns each partition once, only to subscribed members, and lists every member', (_, assign) => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const result = assign(scenario.members, scenario.counts);
        const assigned = owners(result);
        expect([...result.keys()].sort()).toEqual(scenario.members.map((m) => m.memberId).sort());
        expect(new Set(assigned.keys())).toEqual(assignable(scenario));
        for (const [key, memberId] of assigned) {
          const topic = key.split('/')[0];
          expect(scenario.members.find((m) => m.memberId === memberId)!.topics).toContain(topic);
        }
      }),
    );
  });

  it.each(Object.entries({ ...eager, 'cooperative-sticky': cooperativeStickyAssign }))(
    '%s does not depend on the order members are listed in',
    (_, assign) => {
      fc.assert(
        fc.property(scenarioArb, fc.nat(), (scenario, seed) => {
          expect(assign(shuffled(scenario.members, seed), scenario.counts)).toEqual(
            new Map([...assign(scenario.members, scenario.counts)].sort()),
          );
        }),
      );
    },
  );
});

describe('balance', () => {
  it('range: per topic, subscribed members differ by at most one partition', () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, counts }) => {
        const result = rangeAssign(members, counts);
        for (const topic of counts.keys()) {
          const loads = members
            .filter((m) => m.topics.includes(topic))
            .map((m) => (result.get(m.memberId)!.find((tp) => tp.topic === topic)?.partitions.length ?? 0));
          if (loads.length) expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it.each([
    ['roundrobin', roundRobinAssign],
    ['sticky', stickyAssign],
  ] as const)('%s with identical subscriptions: loads differ by at most one', (_, assign) => {
    fc.assert(
      fc.property(uniformScenarioArb, ({ members, counts }) => {
        const result = assign(members, counts);
        const loads = members.map((m) => load(result, m.memberId));
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('sticky: no member holds two more partitions than another member that could take one of them', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const result = stickyAssign(scenario.members, scenario.counts);
        for (const giver of scenario.members) {
          for (const receiver of scenario.members) {
            if (load(result, giver.memberId) - load(result, receiver.memberId) < 2) continue;
            const movable = result.get(giver.memberId)!.filter(({ topic }) => receiver.topics.includes(topic));
            expect(movable).toEqual([]);
          }
        }
      }),
    );
  });
});

describe('stickiness', () => {
  it('sticky with identical subscriptions moves exactly the minimum number of owned partitions', () => {
    fc.assert(
      fc.property(uniformScenarioArb, (scenario) => {
        expect(moves(scenario, stickyAssign(scenario.members, scenario.counts))).toBe(minimalMoves(scenario));
      }),
    );
  });

  it('sticky never moves more owned partitions than a fresh assignment would', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const fresh = stickyAssign(
          scenario.members.map((m) => ({ ...m, ownedPartitions: [] })),
          scenario.counts,
        );
        const valid = { ...scenario, members: validClaims(scenario) };
        expect(moves(valid, stickyAssign(valid.members, scenario.counts))).toBeLessThanOrEqual(moves(valid, fresh));
      }),
    );
  });

  it('sticky is a fixed point: feeding its result back as owned partitions changes nothing', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const first = stickyAssign(scenario.members, scenario.counts);
        const again = scenario.members.map((m) => ({ ...m, ownedPartitions: first.get(m.memberId), generation: 9 }));
        expect(stickyAssign(again, scenario.counts)).toEqual(first);
      }),
    );
  });
});

/** The members with only claims the sticky rules accept (subscribed, existing, highest generation first). */
function validClaims(scenario: Scenario): AssignorMember[] {
  const best = new Map<string, { member: string; generation: number }>();
  const ordered = [...scenario.members].sort((x, y) => {
    const xi = x.groupInstanceId ?? null;
    const yi = y.groupInstanceId ?? null;
    if (xi !== null && yi !== null) return xi < yi ? -1 : xi > yi ? 1 : 0;
    if (xi !== null) return -1;
    if (yi !== null) return 1;
    return x.memberId < y.memberId ? -1 : x.memberId > y.memberId ? 1 : 0;
  });
  for (const m of ordered) {
    for (const { topic, partitions } of m.ownedPartitions ?? []) {
      if (!m.topics.includes(topic)) continue;
      for (const p of partitions) {
        if (p >= (scenario.counts.get(topic) ?? 0)) continue;
        const key = `${topic}/${p}`;
        const current = best.get(key);
        if (!current || (m.generation ?? -1) > current.generation) best.set(key, { member: m.memberId, generation: m.generation ?? -1 });
      }
    }
  }
  return scenario.members.map((m) => {
    const owned = new Map<string, number[]>();
    for (const [key, { member }] of best) {
      if (member !== m.memberId) continue;
      const [topic, p] = key.split('/');
      owned.set(topic, [...(owned.get(topic) ?? []), Number(p)]);
    }
    return { ...m, ownedPartitions: [...owned].map(([topic, partitions]) => ({ topic, partitions })) };
  });
}

describe('cooperative-sticky', () => {
  it('assigns nothing another member still owns; the next rebalance assigns the rest without moving anything', () => {
    fc.assert(
      fc.property(uniformScenarioArb, (scenario) => {
        const first = cooperativeStickyAssign(scenario.members, scenario.counts);
        const target = stickyAssign(scenario.members, scenario.counts);
        const firstOwners = owners(first);
        const claimed = new Map<string, string>();
        for (const m of scenario.members) {
          for (const { topic, partitions } of m.ownedPartitions ?? []) for (const p of partitions) claimed.set(`${topic}/${p}`, m.memberId);
        }
        for (const [key, memberId] of firstOwners) {
          expect(owners(target).get(key)).toBe(memberId);
          if (claimed.has(key)) expect(claimed.get(key)).toBe(memberId);
        }

        const rejoined = scenario.members.map((m) => ({ ...m, ownedPartitions: first.get(m.memberId), generation: 6 }));
        const second = cooperativeStickyAssign(rejoined, scenario.counts);
        expect(second).toEqual(stickyAssign(rejoined, scenario.counts));
        expect(new Set(owners(second).keys())).toEqual(assignable(scenario));
        expect(moves({ ...scenario, members: rejoined }, second)).toBe(0);
      }),
    );
  });
});
