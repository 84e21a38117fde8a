import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { GroupDescription, GroupState, PartitionAssignment } from '@app/domain';
import { decodeConsumerProtocolAssignment } from '@app/kafka-protocol';
import { GroupCoordinator } from '../group-coordinator';

export interface GroupSummaryDto {
  groupId: string;
  state: GroupState;
  protocolType: string;
}

export interface GroupDetailDto extends GroupDescription {
  members: (GroupDescription['members'][number] & { sessionTimeoutMs: number; rebalanceTimeoutMs: number })[];
}

export interface GroupOffsetDto {
  topic: string;
  partition: number;
  offset: string;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: string;
}

/** Read-only admin view of the consumer groups on the HTTP port. */
@Controller('v1/groups')
export class GroupsController {
  constructor(private readonly coordinator: GroupCoordinator) {}

  @Get()
  list(): { groups: GroupSummaryDto[] } {
    return { groups: this.coordinator.listGroups() };
  }

  @Get(':id')
  describe(@Param('id') id: string): GroupDetailDto {
    const group = this.coordinator.groupDetails(id);
    if (!group) throw notFound(id);
    return {
      groupId: group.groupId,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocol: group.protocolName,
      generation: group.generationId,
      leader: group.leaderId,
      members: group.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        sessionTimeoutMs: m.sessionTimeoutMs,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        assignment: group.protocolType === 'consumer' ? decodeAssignment(m.assignment) : {},
      })),
    };
  }

  @Get(':id/offsets')
  offsets(@Param('id') id: string): { groupId: string; offsets: GroupOffsetDto[] } {
    const offsets = this.coordinator.committedOffsets(id);
    if (!offsets) throw notFound(id);
    return {
      groupId: id,
      offsets: offsets.map((o) => ({
        topic: o.topic,
        partition: o.partition,
        // int64 as a string: JSON numbers lose precision past 2^53.
        offset: o.offset.toString(),
        leaderEpoch: o.leaderEpoch,
        metadata: o.metadata,
        commitTimestamp: new Date(o.commitTimestamp).toISOString(),
      })),
    };
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ error: 'group_not_found', message: `group "${id}" does not exist` });
}

/** A member's assignment as topic → partitions; bytes a client wrote in another format show as no partitions. */
function decodeAssignment(bytes: Buffer): PartitionAssignment {
  if (bytes.length === 0) return {};
  try {
    const decoded = decodeConsumerProtocolAssignment(bytes);
    const out = Object.create(null) as PartitionAssignment;
    for (const { topic, partitions } of decoded.assignedPartitions) out[topic] = [...(out[topic] ?? []), ...partitions];
    return out;
  } catch {
    return {};
  }
}
