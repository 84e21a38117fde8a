import type { GroupEvent } from '@app/domain';
import type { TopicPartitions } from '@app/assignors';
import { decodeConsumerProtocolSubscription } from '@app/kafka-protocol';
import { DEFAULT_COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator-config';
import { GroupCoordinator } from '../group-coordinator';
import { InMemoryGroupStore } from './in-memory-group-store';
import { ManualClock } from '../time/manual-clock';
import type { ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResult } from '../consumer/consumer-group-requests';
import type { TopicMetadata } from '../consumer/topic-metadata';

/** Topics the test changes at will; the version moves on every change, as the broker's registry does. */
export class FakeTopics implements TopicMetadata {
  version = 0;
  private readonly counts = new Map<string, number>();

  constructor(topics: Record<string, number> = {}) {
    for (const [name, n] of Object.entries(topics)) this.counts.set(name, n);
  }

  set(name: string, partitions: number): void {
    this.counts.set(name, partitions);
    this.version++;
  }

  delete(name: string): void {
    this.counts.delete(name);
    this.version++;
  }

  partitionCount(topic: string): number | undefined {
    return this.counts.get(topic);
  }

  topicNames(): Iterable<string> {
    return this.counts.keys();
  }

  topicId(topic: string): string | undefined {
    return this.counts.has(topic) ? `id-${topic}` : undefined;
  }

  topicName(topicId: string): string | undefined {
    const name = topicId.replace(/^id-/, '');
    return this.counts.has(name) ? name : undefined;
  }
}

/** A coordinator on a manual clock with fake topics, recording its group events. */
export function consumerGroupSetup(topics: Record<string, number>, overrides: Partial<CoordinatorConfig> = {}) {
  const clock = new ManualClock();
  const store = new InMemoryGroupStore();
  const events: GroupEvent[] = [];
  const fakeTopics = new FakeTopics(topics);
  let seq = 0;
  const coordinator = new GroupCoordinator({
    config: { ...DEFAULT_COORDINATOR_CONFIG, initialRebalanceDelayMs: 0, ...overrides },
    clock,
    store,
    events: { publish: (e) => events.push(e) },
    subscribedTopics: (metadata) => decodeConsumerProtocolSubscription(metadata).topics,
    topics: fakeTopics,
    newMemberId: () => `m${++seq}`,
  });
  return { clock, store, events, coordinator, topics: fakeTopics };
}

export function heartbeatRequest(overrides: Partial<ConsumerGroupHeartbeatRequest> = {}): ConsumerGroupHeartbeatRequest {
  return {
    groupId: 'g',
    memberId: '',
    memberEpoch: 0,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: 30_000,
    subscribedTopicNames: ['t'],
    subscribedTopicRegex: null,
    serverAssignor: null,
    ownedPartitions: [],
    clientId: 'client',
    clientHost: '/127.0.0.1',
    clientGeneratesMemberId: false,
    ...overrides,
  };
}

/**
 * A member that follows the protocol as a client does: it joins, then heartbeats with its epoch and the partitions
 * it owns; it adopts every assignment it is sent (giving up revoked partitions at once, unless told to hold them).
 */
export class SimulatedMember {
  memberId = '';
  epoch = 0;
  owned: TopicPartitions[] = [];
  last: ConsumerGroupHeartbeatResult | null = null;

  constructor(
    private readonly coordinator: GroupCoordinator,
    private readonly base: Partial<ConsumerGroupHeartbeatRequest> = {},
  ) {}

  /** Joins (epoch 0); returns the answer. */
  async join(): Promise<ConsumerGroupHeartbeatResult> {
    return this.apply(await this.coordinator.consumer.heartbeat(heartbeatRequest({ ...this.base, memberId: this.memberId, memberEpoch: 0, ownedPartitions: [] })));
  }

  /** A regular heartbeat: epoch and owned partitions, subscription unchanged. */
  async heartbeat(options: { keepOwned?: boolean } = {}): Promise<ConsumerGroupHeartbeatResult> {
    const result = await this.coordinator.consumer.heartbeat(
      heartbeatRequest({
        ...this.base,
        memberId: this.memberId,
        memberEpoch: this.epoch,
        rebalanceTimeoutMs: -1,
        subscribedTopicNames: null,
        subscribedTopicRegex: null,
        ownedPartitions: this.owned,
      }),
    );
    return this.apply(result, options.keepOwned);
  }

  leave(epoch = -1): Promise<ConsumerGroupHeartbeatResult> {
    return this.coordinator.consumer.heartbeat(heartbeatRequest({ ...this.base, memberId: this.memberId, memberEpoch: epoch, ownedPartitions: this.owned }));
  }

  /** Partitions of `topic` this member owns. */
  partitionsOf(topic = 't'): number[] {
    return this.owned.find((tp) => tp.topic === topic)?.partitions ?? [];
  }

  private apply(result: ConsumerGroupHeartbeatResult, keepOwned = false): ConsumerGroupHeartbeatResult {
    this.last = result;
    if (result.errorCode !== 0) return result;
    if (result.memberId) this.memberId = result.memberId;
    this.epoch = result.memberEpoch;
    if (result.assignment !== null && !keepOwned) this.owned = result.assignment;
    return result;
  }
}
