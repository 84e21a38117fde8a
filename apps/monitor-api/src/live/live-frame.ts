import type { ConsumerGroupDetail, ConsumerGroupState, ConsumerHealthSummary, GroupStatus, HealthStatus, LagMetrics, PartitionVerdict, TopicPartitions } from '../governance/model';

export interface LiveMember {
  member_id: string;
  client_id: string;
  host: string;
  partition_count: number;
  assignment: TopicPartitions[];
}

export interface LivePartition {
  topic: string;
  partition: number;
  lag: number | null;
  time_lag_ms: number | null;
  verdict: PartitionVerdict;
  member_id: string | null;
}

/** What changed since the previous frame on this connection; all empty on the first frame. */
export interface LiveChanges {
  state: { from: ConsumerGroupState; to: ConsumerGroupState } | null;
  generation: { from: number | null; to: number | null } | null;
  members_joined: string[];
  members_left: string[];
  /** Members present in both frames whose partitions moved. */
  members_reassigned: string[];
}

/** One push of the live feed. */
export interface LiveFrame extends LagMetrics {
  type: 'update';
  sequence: number;
  cluster_id: string;
  group_id: string;
  sent_at: string;
  /** When the snapshot behind this frame was collected: frames between two sweeps repeat it. */
  collected_at: string;
  state: ConsumerGroupState;
  generation: number | null;
  status: GroupStatus;
  health: HealthStatus | null;
  slo_compliance: number | null;
  stuck_count: number | null;
  members_count: number;
  members: LiveMember[];
  partitions: LivePartition[];
  changes: LiveChanges;
}

const LAG_FIELDS = [
  'lag_p50', 'lag_p95', 'lag_max', 'total_lag', 'time_lag_p50_ms', 'time_lag_p95_ms', 'time_lag_max_ms',
  'partitions_total', 'partitions_with_commit', 'partitions_without_commit',
] as const satisfies readonly (keyof LagMetrics)[];

const assignmentKey = (assignment: TopicPartitions[]) =>
  assignment
    .map((tp) => `${tp.topic}:${[...tp.partitions].sort((a, b) => a - b).join(',')}`)
    .sort()
    .join('|');

/** Member and state changes between two frames of one group (pure). */
export function diffLive(previous: Pick<LiveFrame, 'state' | 'generation' | 'members'> | undefined, current: Pick<LiveFrame, 'state' | 'generation' | 'members'>): LiveChanges {
  if (!previous) return { state: null, generation: null, members_joined: [], members_left: [], members_reassigned: [] };
  const before = new Map(previous.members.map((m) => [m.member_id, assignmentKey(m.assignment)]));
  const after = new Map(current.members.map((m) => [m.member_id, assignmentKey(m.assignment)]));
  return {
    state: previous.state === current.state ? null : { from: previous.state, to: current.state },
    generation: previous.generation === current.generation ? null : { from: previous.generation, to: current.generation },
    members_joined: [...after.keys()].filter((id) => !before.has(id)).sort(),
    members_left: [...before.keys()].filter((id) => !after.has(id)).sort(),
    members_reassigned: [...after.entries()].filter(([id, key]) => before.has(id) && before.get(id) !== key).map(([id]) => id).sort(),
  };
}

/** Builds the next frame from the served snapshot of the group, marking what changed since `previous` (pure). */
export function buildLiveFrame(
  detail: ConsumerGroupDetail,
  health: ConsumerHealthSummary | undefined,
  previous: LiveFrame | undefined,
  now: Date,
): LiveFrame {
  const members: LiveMember[] = detail.members.map((m) => ({
    member_id: m.member_id,
    client_id: m.client_id,
    host: m.host,
    partition_count: m.partition_count,
    assignment: m.assignment,
  }));
  const lag = Object.fromEntries(LAG_FIELDS.map((field) => [field, detail[field]])) as unknown as LagMetrics;
  const frame: Omit<LiveFrame, 'changes'> = {
    type: 'update',
    sequence: (previous?.sequence ?? 0) + 1,
    cluster_id: detail.cluster_id,
    group_id: detail.group_id,
    sent_at: now.toISOString(),
    collected_at: detail.collected_at,
    state: detail.state,
    generation: detail.generation,
    status: detail.status,
    health: health?.health ?? null,
    slo_compliance: health?.slo_compliance ?? null,
    stuck_count: health?.stuck_count ?? null,
    members_count: detail.members_count,
    ...lag,
    members,
    partitions: detail.partitions.map((p) => ({ topic: p.topic, partition: p.partition, lag: p.lag, time_lag_ms: p.time_lag_ms, verdict: p.verdict, member_id: p.member_id })),
  };
  return { ...frame, changes: diffLive(previous, frame) };
}
