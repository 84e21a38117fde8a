import { describeGroup, groupStats, listGroups } from './admin/group-views';
import { ClassicGroupStateMachine } from './classic/classic-group-state-machine';
import type { CoordinatorConfig } from './config/coordinator-config';
import { ConsumerGroupStateMachine } from './consumer/consumer-group-state-machine';
import type { TopicMetadata } from './consumer/topic-metadata';
import type { GroupEventSink } from './events/group-event-sink';
import { GroupEventEmitter } from './group/group-event-emitter';
import type {
  FetchedOffset,
  GroupListing,
  GroupSummary,
  HeartbeatRequest,
  JoinGroupRequest,
  LeaveGroupResult,
  LeavingMember,
  OffsetCommitRequest,
  PartitionError,
  SyncGroupRequest,
} from './group/group-requests';
import { GroupTable } from './group/group-table';
import type { JoinGroupResult, SyncGroupResult } from './group/member';
import type { CoordinatorStats } from './metrics/coordinator-metrics';
import { NOOP_OBSERVER, type CoordinatorObserver } from './metrics/coordinator-observer';
import { OffsetManager } from './offsets/offset-manager';
import { restoreGroup } from './persistence/group-snapshot';
import type { GroupStore, LoadedGroups } from './persistence/group-store';
import type { Clock } from './time/clock';

export interface GroupCoordinatorOptions {
  config: CoordinatorConfig;
  clock: Clock;
  store: GroupStore;
  events: GroupEventSink;
  observer?: CoordinatorObserver;
  /** Topics a consumer-protocol member subscribes to, decoded from its JoinGroup metadata. */
  subscribedTopics: (metadata: Buffer) => string[];
  /** Topics and partition counts, for KIP-848 server-side assignment; none when absent (unit tests). */
  topics?: TopicMetadata;
  newMemberId?: () => string;
}

/**
 * The consumer-group coordinator, split where Apache Kafka splits it: the groups (GroupTable), the classic group
 * state machine (ClassicGroupStateMachine), the KIP-848 one (ConsumerGroupStateMachine), committed offsets
 * (OffsetManager), read-only views (admin/group-views) and restore after a restart (persistence/group-snapshot).
 * This class only assembles them over one table, store and clock; the Kafka handlers and the HTTP controllers inject
 * the part they use.
 */
export class GroupCoordinator {
  readonly groups: GroupTable;
  readonly classic: ClassicGroupStateMachine;
  readonly consumer: ConsumerGroupStateMachine;
  readonly offsets: OffsetManager;

  constructor(options: GroupCoordinatorOptions) {
    const observer = options.observer ?? NOOP_OBSERVER;
    const events = new GroupEventEmitter(options.events, options.clock);
    this.groups = new GroupTable(options.clock, events);
    this.classic = new ClassicGroupStateMachine({ ...options, groups: this.groups, events, observer });
    this.consumer = new ConsumerGroupStateMachine({ ...options, groups: this.groups, events, observer });
    this.offsets = new OffsetManager({
      config: options.config,
      clock: options.clock,
      store: options.store,
      groups: this.groups,
      sessions: this.classic,
      observer,
      subscribedTopics: options.subscribedTopics,
    });
  }

  /**
   * Rebuilds groups from storage after a restart. Groups that had members come back Stable with their generation
   * (or, for KIP-848 groups, epochs) and assignments, and every member gets a fresh session timeout to heartbeat or
   * rejoin, as in Kafka.
   */
  restore(loaded: LoadedGroups): void {
    for (const [groupId, { group: stored, offsets, consumer }] of loaded.groups) {
      const group = this.groups.create(groupId);
      // A KIP-848 group's record supersedes the classic one it may have been converted from.
      if (!restoreGroup(group, consumer ? null : stored, offsets) && !consumer) continue;
      if (consumer) this.consumer.restore(group, consumer);
      this.groups.keep(group);
      for (const member of group.members.values()) this.classic.scheduleExpiry(group, member, member.sessionTimeoutMs);
    }
  }

  /** Starts the periodic offset-retention sweep. */
  start(): void {
    this.offsets.startRetention();
  }

  /** Answers every held request (so connections are not left waiting) and stops all timers. */
  shutdown(): void {
    this.offsets.stopRetention();
    this.classic.shutdown();
    this.consumer.shutdown();
  }

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    return this.classic.joinGroup(req);
  }

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResult> {
    return this.classic.syncGroup(req);
  }

  heartbeat(req: HeartbeatRequest): number {
    return this.classic.heartbeat(req);
  }

  leaveGroup(groupId: string, leaving: readonly LeavingMember[]): LeaveGroupResult {
    return this.classic.leaveGroup(groupId, leaving);
  }

  deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    return this.classic.deleteGroups(groupIds);
  }

  commitOffsets(req: OffsetCommitRequest): Promise<PartitionError[]> {
    return this.offsets.commitOffsets(req);
  }

  fetchOffsets(groupId: string, topics: readonly { topic: string; partitions: number[] }[] | null): FetchedOffset[] {
    return this.offsets.fetchOffsets(groupId, topics);
  }

  deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<{ errorCode: number; partitions: PartitionError[] }> {
    return this.offsets.deleteOffsets(groupId, partitions);
  }

  cleanupExpiredOffsets(): number {
    return this.offsets.cleanupExpiredOffsets();
  }

  describeGroup(groupId: string): GroupSummary {
    return describeGroup(groupId, this.groups.get(groupId));
  }

  listGroups(statesFilter: readonly string[] = []): GroupListing[] {
    return listGroups(this.groups.values(), statesFilter);
  }

  /** Counts for the metrics gauges. */
  stats(): CoordinatorStats {
    return groupStats(this.groups.values());
  }
}
