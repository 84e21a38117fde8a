import type { ConsumerGroupDetail, ConsumerGroupListItem, ConsumerHealthSummary, GroupSource, TopicInfo } from '../governance/model';
import type { ObservedRebalance } from './rebalance-tracker';

/** One group as the latest sweep judged it; every view the API serves is prebuilt once per sweep. */
export interface GroupView {
  detail: ConsumerGroupDetail;
  health: ConsumerHealthSummary;
  listItem: ConsumerGroupListItem;
  /** Rebalances counted for this group at this sweep (stored with the snapshot). */
  rebalancesThisSweep: number;
  /** The rebalances this sweep learned of, one per generation (stored in `monitor.rebalance_events`). */
  rebalancesObserved: ObservedRebalance[];
  /** Partitions (topic → partition numbers) the group has committed on, for topic coverage. */
  committed: Map<string, Set<number>>;
}

/** The latest state of one cluster, immutable once built: requests read it without locks or copies. */
export interface ClusterSnapshot {
  clusterId: string;
  kind: GroupSource;
  collectedAtMs: number;
  durationMs: number;
  groups: Map<string, GroupView>;
  /** List items sorted by group id (the API pages through this array). */
  list: ConsumerGroupListItem[];
  topics: Map<string, TopicInfo>;
  /** Topic → the groups consuming it (committed on or assigned), sorted. */
  topicGroups: Map<string, string[]>;
}
