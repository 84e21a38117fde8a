import { Controller, Get, Param } from '@nestjs/common';
import { GroupTable } from '../group/group-table';
import {
  consumerGroup,
  consumerGroupAssignments,
  consumerGroupSummary,
  type ConsumerGroupAssignmentsJson,
  type ConsumerGroupJson,
  type ConsumerGroupSummaryJson,
} from './consumer-group-views';
import { groupNotFound } from './group-not-found';
import { byGroupId } from './group-views';

/** The runbook's group inspection paths, beside /v1/groups: same groups, the JSON its users' scripts read. */
@Controller('consumer-groups')
export class ConsumerGroupsController {
  constructor(private readonly groups: GroupTable) {}

  @Get()
  list(): { groups: ConsumerGroupSummaryJson[] } {
    return { groups: [...this.groups.values()].sort(byGroupId).map(consumerGroupSummary) };
  }

  @Get(':id')
  describe(@Param('id') id: string): ConsumerGroupJson {
    const group = this.groups.get(id);
    if (!group) throw groupNotFound(id);
    return consumerGroup(group);
  }

  @Get(':id/assignments')
  assignments(@Param('id') id: string): ConsumerGroupAssignmentsJson {
    const group = this.groups.get(id);
    if (!group) throw groupNotFound(id);
    return consumerGroupAssignments(group);
  }
}
