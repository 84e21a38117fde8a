import { cooperativeStickyAssign } from './cooperative-sticky';
import { rangeAssign } from './range';
import { roundRobinAssign } from './roundrobin';
import { stickyAssign } from './sticky';
import type { AssignFunction } from './types';

/** The strategies by the protocol names Kafka clients put in JoinGroup. */
export const ASSIGNORS = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  'cooperative-sticky': cooperativeStickyAssign,
} as const satisfies Record<string, AssignFunction>;

export type AssignorName = keyof typeof ASSIGNORS;

export function assignorFor(name: string): AssignFunction | undefined {
  return Object.prototype.hasOwnProperty.call(ASSIGNORS, name) ? ASSIGNORS[name as AssignorName] : undefined;
}
