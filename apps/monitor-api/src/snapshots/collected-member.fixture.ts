import type { CollectedGroup } from '../collect/collected';

/** For the builder's specs: a member of a collected group owning `partitions` of topic `t`. */
export const member = (id: string, partitions: number[]): CollectedGroup['members'][number] => ({
  member_id: id,
  client_id: id,
  host: `/10.0.0.${id.length}`,
  group_instance_id: null,
  assignment: [{ topic: 't', partitions }],
  partition_count: partitions.length,
  pending: null,
  idle_ms: null,
  inactive_ms: null,
});
