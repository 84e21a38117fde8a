import { ErrorCode } from '@app/kafka-protocol';
import type { CoordinatorConfig } from '../config/coordinator-config';
import { forgetOffset, putCommittedOffset, sortedOffsets } from '../group/committed-offsets';
import type { CommittedOffset, Group } from '../group/group';
import type { FetchedOffset, OffsetCommitRequest, PartitionError } from '../group/group-requests';
import type { GroupTable } from '../group/group-table';
import type { Member } from '../group/member';
import { subscribedTopics } from '../group/subscribed-topics';
import type { CoordinatorObserver } from '../metrics/coordinator-observer';
import type { GroupStore, StoredOffset } from '../persistence/group-store';
import type { Clock } from '../time/clock';

/** What committing needs of the group state machine: a member's commit counts as a sign of life, like a heartbeat. */
export interface MemberSessions {
  scheduleExpiry(group: Group, member: Member, timeoutMs: number): void;
}

export interface OffsetManagerOptions {
  config: CoordinatorConfig;
  clock: Clock;
  store: GroupStore;
  groups: GroupTable;
  sessions: MemberSessions;
  observer: CoordinatorObserver;
  /** Topics a consumer-protocol member subscribes to, decoded from its JoinGroup metadata. */
  subscribedTopics: (metadata: Buffer) => string[];
}

/**
 * Committed offsets, as Kafka's OffsetMetadataManager keeps them beside the group state machine: OffsetCommit
 * (validated against the group's generation and members), OffsetFetch, OffsetDelete and the retention sweep. A
 * commit is acknowledged only once the group log has it.
 */
export class OffsetManager {
  private readonly config: CoordinatorConfig;
  private readonly clock: Clock;
  private readonly store: GroupStore;
  private readonly groups: GroupTable;
  private readonly sessions: MemberSessions;
  private readonly observer: CoordinatorObserver;
  private readonly subscribedTopicsOf: (metadata: Buffer) => string[];
  private cancelRetention: (() => void) | null = null;

  constructor(options: OffsetManagerOptions) {
    this.config = options.config;
    this.clock = options.clock;
    this.store = options.store;
    this.groups = options.groups;
    this.sessions = options.sessions;
    this.observer = options.observer;
    this.subscribedTopicsOf = options.subscribedTopics;
  }

  /** Starts the periodic offset-retention sweep. */
  startRetention(): void {
    const tick = () => {
      this.cleanupExpiredOffsets();
      this.cancelRetention = this.clock.schedule(this.config.offsetsRetentionCheckIntervalMs, tick);
    };
    this.cancelRetention = this.clock.schedule(this.config.offsetsRetentionCheckIntervalMs, tick);
  }

  stopRetention(): void {
    this.cancelRetention?.();
    this.cancelRetention = null;
  }

  /** One result per requested offset, in request order. */
  commitOffsets(req: OffsetCommitRequest): Promise<PartitionError[]> {
    // No group management: a simple consumer or an admin tool committing for a group nobody has joined.
    if (!this.groups.get(req.groupId) && req.generationId >= 0) return this.refuseAll(req, ErrorCode.ILLEGAL_GENERATION);
    const group = this.groups.getOrCreate(req.groupId);
    const error = group.consumer ? validateConsumerGroupCommit(group, req) : this.validateOffsetCommit(group, req);
    if (error !== ErrorCode.NONE) {
      this.groups.dropIfUnused(group);
      return this.refuseAll(req, error);
    }
    switch (group.consumer ? 'Empty' : group.state) {
      case 'CompletingRebalance':
        return this.refuseAll(req, ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
      case 'PreparingRebalance': {
        const member = group.get(req.memberId);
        this.sessions.scheduleExpiry(group, member, member.sessionTimeoutMs);
        break;
      }
      default:
        break;
    }
    return this.storeOffsets(group, req);
  }

  private refuseAll(req: OffsetCommitRequest, errorCode: number): Promise<PartitionError[]> {
    this.observer.offsetsCommitted(req.offsets.length, errorCode);
    return Promise.resolve(req.offsets.map(({ topic, partition }) => ({ topic, partition, errorCode })));
  }

  private validateOffsetCommit(group: Group, req: OffsetCommitRequest): number {
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
      if (!group.has(req.memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
      return ErrorCode.NONE;
    }
    // Only members may commit to a group that has members.
    return group.is('Empty') ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  private storeOffsets(group: Group, req: OffsetCommitRequest): Promise<PartitionError[]> {
    const now = this.clock.now();
    const results: PartitionError[] = new Array(req.offsets.length);
    const accepted: StoredOffset[] = [];
    let tooLarge = 0;
    for (let i = 0; i < req.offsets.length; i++) {
      const o = req.offsets[i];
      const metadata = o.metadata ?? '';
      if (metadata.length > this.config.offsetMetadataMaxBytes) {
        results[i] = { topic: o.topic, partition: o.partition, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
        tooLarge++;
        continue;
      }
      // Timestamps past what a number holds exactly (OffsetCommit v1-v4 take any int64: a commit time, a retention
      // whose sum with it overflows in Kafka) stop at the largest one: the offset is kept for as long as one can say.
      const commitTimestamp = o.commitTimestamp >= 0 ? Math.min(o.commitTimestamp, Number.MAX_SAFE_INTEGER) : now;
      accepted.push({
        topic: o.topic,
        partition: o.partition,
        offset: o.offset,
        leaderEpoch: o.leaderEpoch,
        metadata,
        commitTimestamp,
        expireTimestamp: req.retentionTimeMs >= 0 ? Math.min(commitTimestamp + req.retentionTimeMs, Number.MAX_SAFE_INTEGER) : null,
      });
    }
    if (tooLarge) this.observer.offsetsCommitted(tooLarge, ErrorCode.OFFSET_METADATA_TOO_LARGE);
    if (accepted.length === 0) return Promise.resolve(results);
    const settle = (errorCode: number): PartitionError[] => {
      this.observer.offsetsCommitted(accepted.length, errorCode);
      let next = 0;
      for (let i = 0; i < results.length; i++) {
        if (results[i] !== undefined) continue;
        const { topic, partition } = accepted[next++];
        results[i] = { topic, partition, errorCode };
      }
      return results;
    };
    return this.store.saveOffsets(group.groupId, accepted).then(
      () => {
        for (const o of accepted) putCommittedOffset(group.offsets, o, committedOffset);
        // The group may have gone meanwhile (expired, deleted): a stored commit brings it back.
        this.groups.keep(group);
        return settle(ErrorCode.NONE);
      },
      () => settle(ErrorCode.COORDINATOR_NOT_AVAILABLE),
    );
  }

  /**
   * OffsetFetch v9's member check (Kafka's ConsumerGroup.validateOffsetFetch), for KIP-848 groups only: a request
   * without member id and epoch (an admin tool) may read; a member must be one, at its current epoch.
   */
  validateOffsetFetch(groupId: string, memberId: string | null, memberEpoch: number): number {
    const membership = this.groups.get(groupId)?.consumer;
    if (!membership || (memberId === null && memberEpoch < 0)) return ErrorCode.NONE;
    const member = memberId === null ? undefined : membership.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    return member.epoch === memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
  }

  /** Committed offsets; `topics === null` means every committed partition of the group. */
  fetchOffsets(groupId: string, topics: readonly { topic: string; partitions: number[] }[] | null): FetchedOffset[] {
    const group = this.groups.get(groupId);
    const none = (topic: string, partition: number): FetchedOffset => ({
      topic,
      partition,
      offset: -1n,
      leaderEpoch: -1,
      metadata: '',
      errorCode: ErrorCode.NONE,
    });
    if (topics === null) {
      if (!group) return [];
      return sortedOffsets(group.offsets).map((o) => ({
        topic: o.topic,
        partition: o.partition,
        offset: o.offset,
        leaderEpoch: o.leaderEpoch,
        metadata: o.metadata,
        errorCode: ErrorCode.NONE,
      }));
    }
    return topics.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => {
        const o = group?.offsets.get(topic)?.get(partition);
        return o ? { topic, partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: ErrorCode.NONE } : none(topic, partition);
      }),
    );
  }

  async deleteOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<{ errorCode: number; partitions: PartitionError[] }> {
    if (!groupId) return { errorCode: ErrorCode.INVALID_GROUP_ID, partitions: [] };
    const group = this.groups.get(groupId);
    if (!group || group.is('Dead')) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, partitions: [] };
    let subscribed = new Set<string>();
    if (!group.is('Empty')) {
      if (group.protocolType !== 'consumer') return { errorCode: ErrorCode.NON_EMPTY_GROUP, partitions: [] };
      subscribed = subscribedTopics(group, this.subscribedTopicsOf);
    }
    const results: PartitionError[] = [];
    const removable: { topic: string; partition: number }[] = [];
    for (const { topic, partition } of partitions) {
      if (subscribed.has(topic)) results.push({ topic, partition, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC });
      else removable.push({ topic, partition });
    }
    const present = removable.filter(({ topic, partition }) => group.offsets.get(topic)?.has(partition));
    if (present.length) {
      await this.store.removeOffsets(groupId, present);
      for (const { topic, partition } of present) forgetOffset(group.offsets, topic, partition);
    }
    for (const p of removable) results.push({ ...p, errorCode: ErrorCode.NONE });
    return { errorCode: ErrorCode.NONE, partitions: results };
  }

  /**
   * Offset retention (KIP-211): offsets of an empty group expire once the group has been empty for the retention
   * period; a stable consumer group loses offsets only for topics nobody subscribes to any more; explicit v2-v4
   * retention times are honoured. An empty group with nothing left disappears.
   */
  cleanupExpiredOffsets(): number {
    const now = this.clock.now();
    const retention = this.config.offsetsRetentionMs;
    let removed = 0;
    for (const group of [...this.groups.values()]) {
      const expired: { topic: string; partition: number }[] = [];
      const subscribed = group.is('Stable') ? subscribedTopics(group, this.subscribedTopicsOf) : null;
      for (const [topic, partitions] of group.offsets) {
        for (const [partition, o] of partitions) {
          let expires: number | null;
          if (o.expireTimestamp !== null) expires = o.expireTimestamp;
          else if (group.is('Empty')) expires = (group.protocolType === null ? o.commitTimestamp : group.currentStateTimestamp) + retention;
          else if (subscribed && group.protocolType === 'consumer' && !subscribed.has(topic)) expires = o.commitTimestamp + retention;
          else expires = null;
          if (expires !== null && expires <= now) expired.push({ topic, partition });
        }
      }
      if (expired.length) {
        for (const { topic, partition } of expired) forgetOffset(group.offsets, topic, partition);
        this.store.removeOffsets(group.groupId, expired).catch(() => undefined);
        removed += expired.length;
      }
      if (group.is('Empty') && !group.hasOffsets && group.pendingMembers.size === 0) {
        this.groups.remove(group);
        this.store.removeGroup(group.groupId).catch(() => undefined);
      }
    }
    return removed;
  }
}

/** The group's own record of a partition's first commit (without the topic-partition the map keys already hold). */
function committedOffset(o: StoredOffset): CommittedOffset {
  return { offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, commitTimestamp: o.commitTimestamp, expireTimestamp: o.expireTimestamp };
}

/**
 * OffsetCommit to a KIP-848 group (Kafka's ConsumerGroup.validateOffsetCommit): without a member epoch (an admin
 * tool, a consumer without group management) only while the group has no members; otherwise from a member, at its
 * current epoch, through v9 (the version that carries a member epoch). A commit at an older epoch comes from a
 * member that may already have lost the partitions: STALE_MEMBER_EPOCH, and it commits again once it caught up.
 */
function validateConsumerGroupCommit(group: Group, req: OffsetCommitRequest): number {
  const membership = group.consumer!;
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  if (req.generationId < 0 && membership.members.size === 0) return ErrorCode.NONE;
  const member = membership.members.get(req.memberId);
  if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
  if ((req.apiVersion ?? 9) < 9) return ErrorCode.UNSUPPORTED_VERSION;
  return req.generationId === member.epoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
}
