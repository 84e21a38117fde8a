import { decodeConsumerProtocolAssignment } from '@app/kafka-protocol';
import type { TopicPartitions } from '../governance/model';

/**
 * A member's assignment from DescribeGroups' `member_assignment` bytes (the consumer protocol every client uses).
 * Empty bytes (a member between join and sync) or bytes that do not decode (a non-consumer protocol) give none.
 */
export function decodeAssignment(bytes: Buffer | null | undefined): TopicPartitions[] {
  if (!bytes || bytes.length === 0) return [];
  try {
    return decodeConsumerProtocolAssignment(bytes)
      .assignedPartitions.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}
