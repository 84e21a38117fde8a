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
import { groupOr404 } from './group-not-found';
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
    return consumerGroup(groupOr404(this.groups, id));
  }

  @Get(':id/assignments')
  assignments(@Param('id') id: string): ConsumerGroupAssignmentsJson {
    return consumerGroupAssignments(groupOr404(this.groups, id));
  }
}
