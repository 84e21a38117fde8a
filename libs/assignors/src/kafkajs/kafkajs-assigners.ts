import {
  decodeConsumerProtocolSubscription,
  encodeConsumerProtocolAssignment,
  encodeConsumerProtocolSubscription,
} from '@app/kafka-protocol';
import type { Assigner, Consumer, ConsumerGroupJoinEvent, GroupMember, PartitionAssigner } from 'kafkajs';
import { rangeAssign } from '../range';
import { roundRobinAssign } from '../roundrobin';
import { stickyAssign } from '../sticky';
import type { AssignFunction, AssignorMember, TopicPartitions } from '../types';
import { decodeStickyUserData, encodeStickyUserData } from './sticky-user-data';

/**
 * What a member owns now, for the `sticky` subscription; kept current by `track`. kafkajs does not tell a member its
 * generation, so the user data says -1 (unknown) and conflicting claims fall back to member order.
 */
export interface OwnedState {
  owned: TopicPartitions[];
}

/**
 * Reads every member's subscription whatever client wrote it (versions 0-3). Owned partitions come from the
 * subscription (v1+) or, for members that only write sticky user data (kafka-python), from that.
 */
export function membersFromMetadata(members: readonly GroupMember[], readUserData: boolean): AssignorMember[] {
  return members.map(({ memberId, memberMetadata }) => {
    const sub = decodeConsumerProtocolSubscription(memberMetadata);
    let owned = sub.ownedPartitions ?? [];
    let generation = sub.generationId ?? -1;
    if (readUserData && sub.userData && sub.userData.length > 0) {
      try {
        const data = decodeStickyUserData(sub.userData);
        if (owned.length === 0) owned = data.previousAssignment;
        if (generation < 0) generation = data.generation;
      } catch {
        // User data in another format carries no stickiness; the member is treated as owning nothing.
      }
    }
    return { memberId, topics: sub.topics, ownedPartitions: owned, generation };
  });
}

function adapter(name: string, assign: AssignFunction, state?: OwnedState): PartitionAssigner {
  const sticky = state !== undefined;
  return ({ cluster }) => {
    const assigner: Assigner = {
      name,
      version: sticky ? 1 : 0,
      protocol({ topics }) {
        const owned = state?.owned ?? [];
        const metadata = sticky
          ? encodeConsumerProtocolSubscription(
              { topics, userData: encodeStickyUserData({ previousAssignment: owned, generation: -1 }), ownedPartitions: owned },
              1,
            )
          : encodeConsumerProtocolSubscription({ topics, userData: null }, 0);
        return { name, metadata };
      },
      async assign({ members }) {
        const assignorMembers = membersFromMetadata(members, sticky);
        const topics = [...new Set(assignorMembers.flatMap((m) => m.topics))];
        // Other members may subscribe to topics this leader does not; fetch their metadata too.
        await cluster.addMultipleTargetTopics(topics);
        const counts = new Map<string, number>();
        for (const topic of topics) {
          const partitions = cluster.findTopicPartitionMetadata(topic) ?? [];
          if (partitions.length > 0) counts.set(topic, partitions.length);
        }
        const result = assign(assignorMembers, counts);
        return [...result].map(([memberId, assigned]) => ({
          memberId,
          memberAssignment: encodeConsumerProtocolAssignment({ assignedPartitions: assigned, userData: null }, 0),
        }));
      },
    };
    return assigner;
  };
}

/** kafkajs assigner for Kafka's `range` strategy, interoperable with librdkafka, kafka-python and Java members. */
export const kafkajsRangeAssigner: PartitionAssigner = adapter('range', rangeAssign);

/** kafkajs assigner for Kafka's `roundrobin` strategy. */
export const kafkajsRoundRobinAssigner: PartitionAssigner = adapter('roundrobin', roundRobinAssign);

/**
 * kafkajs assigner for the eager `sticky` strategy. Stickiness needs each member to announce what it owns, so
 * attach the returned `track` to the consumer: it records every assignment the member receives.
 */
export function kafkajsStickyAssigner(): { assigner: PartitionAssigner; track(consumer: Consumer): void; state: OwnedState } {
  const state: OwnedState = { owned: [] };
  return {
    assigner: adapter('sticky', stickyAssign, state),
    state,
    track(consumer) {
      consumer.on(consumer.events.GROUP_JOIN, (event: ConsumerGroupJoinEvent) => {
        const assignment = event.payload.memberAssignment as Record<string, number[]>;
        state.owned = Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions: [...partitions] }));
      });
    },
  };
}
