import { Controller, Get, Param } from '@nestjs/common';
import { GroupTable } from '../group/group-table';
import { groupOr404 } from './group-not-found';
import { groupDetail, groupOffsets, listGroups, type GroupDetailDto, type GroupOffsetDto } from './group-views';

export interface GroupSummaryDto {
  groupId: string;
  state: GroupDetailDto['state'];
  protocolType: string;
  /** "consumer" for a KIP-848 group, "classic" otherwise. */
  groupType: 'classic' | 'consumer';
}

/** Read-only admin view of the consumer groups on the HTTP port. */
@Controller('v1/groups')
export class GroupsController {
  constructor(private readonly groups: GroupTable) {}

  @Get()
  list(): { groups: GroupSummaryDto[] } {
    return { groups: listGroups(this.groups.values()) };
  }

  @Get(':id')
  describe(@Param('id') id: string): GroupDetailDto {
    return groupDetail(groupOr404(this.groups, id));
  }

  @Get(':id/offsets')
  offsets(@Param('id') id: string): { groupId: string; offsets: GroupOffsetDto[] } {
    return { groupId: id, offsets: groupOffsets(groupOr404(this.groups, id)) };
  }
}
