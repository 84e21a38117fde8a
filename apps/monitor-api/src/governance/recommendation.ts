import type { EffectiveThresholds, PartitionVerdict } from './model';

export interface RecommendationPartition {
  topic: string;
  partition: number;
  verdict: PartitionVerdict;
  lag: number | null;
  host: string | null;
  lastCommitAgeMs: number | null;
  windowStartOffset: number | null;
  windowEndOffset: number | null;
}

export interface RecommendationInput {
  /** Partitions of the group's topics (with or without commits). */
  totalPartitions: number;
  /** Those of them whose verdict is not OK. */
  stuck: readonly RecommendationPartition[];
  /** Partitions held by each member, members with none included. */
  partitionsPerMember: readonly number[];
  sloCompliance: number | null;
  rebalanceScore: number | null;
  fairnessGini: number;
  /** Total lag grew between the two latest sweeps. */
  lagGrowing: boolean;
  thresholds: EffectiveThresholds;
}

const MAX_LISTED = 3;

/**
 * Advice a person can act on, most urgent first; null when the group is healthy. Rules:
 * stopped / stalled / rewound partitions name the partition and its host; lag growing (WARN partitions, SLO
 * under target, or total lag rising) with fewer members than partitions → scale out, to at most one member per
 * partition; with as many members as partitions → only more partitions or faster processing help; members with
 * no partitions → scale in or add partitions; an unfair spread or frequent rebalances → what usually fixes them.
 */
export function recommend(input: RecommendationInput): string | null {
  const advice: string[] = [];
  const { stuck: partitions, partitionsPerMember, thresholds: t } = input;
  const members = partitionsPerMember.length;
  const total = input.totalPartitions;

  const stopped = partitions.filter((p) => p.verdict === 'STOP');
  if (stopped.length) advice.push(`${list(stopped)} stopped committing with lag and no member consumes ${stopped.length > 1 ? 'them' : 'it'}: start the group's consumers.`);
  for (const p of partitions.filter((p) => p.verdict === 'STALL').slice(0, MAX_LISTED)) {
    advice.push(`The consumer of ${p.topic}-${p.partition} on host ${p.host ?? 'unknown'} stopped committing (${Math.round((p.lastCommitAgeMs ?? 0) / 1000)} s at offset ${p.windowEndOffset}, lag ${p.lag}): check it for a stuck record or a blocked handler.`);
  }
  for (const p of partitions.filter((p) => p.verdict === 'REWIND').slice(0, MAX_LISTED)) {
    advice.push(`${p.topic}-${p.partition} was rewound (offset went back to ${p.windowEndOffset}): check for an offset reset or a consumer replaying.`);
  }

  const sloLow = input.sloCompliance !== null && input.sloCompliance < t.slo_compliance_min;
  const warn = partitions.some((p) => p.verdict === 'WARN');
  if (members > 0 && (warn || sloLow || input.lagGrowing)) {
    const why = warn ? 'Lag is growing' : sloLow ? `SLO compliance is ${pct(input.sloCompliance ?? 0)} (target ${pct(t.slo_compliance_min)})` : 'Lag is rising';
    if (members < total) {
      const target = Math.min(total, Math.max(members + 1, members * 2));
      advice.push(`${why} with ${members} member${members > 1 ? 's' : ''} for ${total} partitions: scale out to ${target} members.`);
    } else {
      advice.push(`${why} with a member for every partition: add partitions or make each consumer faster.`);
    }
  }

  const idle = partitionsPerMember.filter((n) => n === 0).length;
  if (idle > 0) {
    advice.push(`${idle} of ${members} members have no partitions: scale in to ${members - idle} members or add partitions.`);
  } else if (input.fairnessGini > t.fairness_gini_max) {
    advice.push(`Partitions are spread unevenly (Gini ${input.fairnessGini.toFixed(2)} > ${t.fairness_gini_max}): use a balancing assignor (round-robin or cooperative-sticky) or a member count that divides the partition count.`);
  }

  if (input.rebalanceScore !== null && input.rebalanceScore < t.rebalance_score_min) {
    advice.push(`The group rebalances often (score ${Math.round(input.rebalanceScore)} < ${t.rebalance_score_min}): check session.timeout.ms and max.poll.interval.ms against processing time, or use static membership (group.instance.id).`);
  }
  return advice.length ? advice.join(' ') : null;
}

function list(ps: readonly RecommendationPartition[]): string {
  const names = ps.slice(0, MAX_LISTED).map((p) => `${p.topic}-${p.partition}`);
  const more = ps.length > MAX_LISTED ? ` and ${ps.length - MAX_LISTED} more` : '';
  return `${ps.length > 1 ? 'Partitions' : 'Partition'} ${names.join(', ')}${more}`;
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}
