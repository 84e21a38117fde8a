import { NotFoundException } from '@nestjs/common';

/** 404 for a group id nobody has joined or committed for (both admin APIs answer it alike). */
export function groupNotFound(id: string): NotFoundException {
  return new NotFoundException({ error: 'group_not_found', message: `group "${id}" does not exist` });
}
