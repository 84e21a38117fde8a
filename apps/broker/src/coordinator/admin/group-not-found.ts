import { NotFoundException } from '@nestjs/common';
import type { Group } from '../group/group';
import type { GroupTable } from '../group/group-table';

/** The group, or a 404 naming it for an id nobody has joined or committed for (both admin APIs answer it alike). */
export function groupOr404(groups: GroupTable, id: string): Group {
  const group = groups.get(id);
  if (!group) throw new NotFoundException({ error: 'group_not_found', message: `group "${id}" does not exist` });
  return group;
}
