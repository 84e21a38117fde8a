import { DEFAULT_THRESHOLDS } from './default-thresholds';
import type { PartitionVerdict } from './model';
import { recommend, RecommendationInput, RecommendationPartition } from './recommendation';

function parts(n: number, verdict: PartitionVerdict = 'OK', extra: Partial<RecommendationPartition> = {}): RecommendationPartition[] {
  return Array.from({ length: n }, (_, i) => ({
    topic: 'orders',
    partition: i,
    verdict,
    lag: 10,
    host: '/10.0.0.7',
    lastCommitAgeMs: 400_000,
    windowStartOffset: 90,
    windowEndOffset: 90,
    ...extra,
  }));
}

type Input = Omit<RecommendationInput, 'stuck' | 'totalPartitions'> & { partitions: RecommendationPartition[] };

function input(partial: Partial<Input>): RecommendationInput {
  const { partitions, ...rest }: Input = { partitions: parts(6), partitionsPerMember: [3, 3], sloCompliance: 1, rebalanceScore: 100, fairnessGini: 0, lagGrowing: false, thresholds: DEFAULT_THRESHOLDS, ...partial };
  return { ...rest, totalPartitions: partitions.length, stuck: partitions.filter((p) => p.verdict !== 'OK') };
}

describe('recommend', () => {
  it('says nothing for a healthy group', () => {
    expect(recommend(input({}))).toBeNull();
  });

  it.each<[string, Partial<Input>, RegExp]>([
    ['lag growing, fewer members than partitions → scale out', { partitions: [...parts(5), ...parts(1, 'WARN')], partitionsPerMember: [3, 3] }, /Lag is growing with 2 members for 6 partitions: scale out to 4 members/],
    ['scale-out target never exceeds the partitions', { partitions: parts(3, 'WARN'), partitionsPerMember: [2, 1] }, /scale out to 3 members/],
    ['SLO under target counts as growing', { sloCompliance: 0.5 }, /SLO compliance is 50% \(target 95%\) .*scale out to 4 members/],
    ['a member per partition → partitions or faster consumers', { partitions: parts(2, 'WARN'), partitionsPerMember: [1, 1] }, /add partitions or make each consumer faster/],
    ['idle members → scale in or add partitions', { partitions: parts(2), partitionsPerMember: [1, 1, 0, 0] }, /2 of 4 members have no partitions: scale in to 2 members or add partitions/],
    ['a stalled partition names partition and host', { partitions: [...parts(1, 'STALL')], partitionsPerMember: [1] }, /The consumer of orders-0 on host \/10\.0\.0\.7 stopped committing \(400 s at offset 90, lag 10\)/],
    ['stopped partitions with nobody consuming', { partitions: parts(5, 'STOP'), partitionsPerMember: [] }, /Partitions orders-0, orders-1, orders-2 and 2 more stopped committing/],
    ['rewind', { partitions: parts(1, 'REWIND', { windowEndOffset: 3 }), partitionsPerMember: [1] }, /orders-0 was rewound \(offset went back to 3\)/],
    ['unfair spread', { partitionsPerMember: [5, 1], fairnessGini: 0.33 }, /spread unevenly \(Gini 0\.33 > 0\.3\)/],
    ['rebalancing often', { rebalanceScore: 40 }, /rebalances often \(score 40 < 70\).*group\.instance\.id/],
  ])('%s', (_name, partial, expected) => {
    expect(recommend(input(partial))).toMatch(expected);
  });
});
