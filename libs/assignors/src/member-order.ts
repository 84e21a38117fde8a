import type { AssignorMember } from './types';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The member order of the Java client's `MemberInfo` (and librdkafka's): static members by instance id first,
 * then dynamic members by member id. Code-unit comparison, not locale, so every client agrees.
 */
export function compareMembers(a: AssignorMember, b: AssignorMember): number {
  const ai = a.groupInstanceId ?? null;
  const bi = b.groupInstanceId ?? null;
  if (ai !== null && bi !== null) return compareStrings(ai, bi) || compareStrings(a.memberId, b.memberId);
  if (ai !== null) return -1;
  if (bi !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

export function sortMembers<T extends AssignorMember>(members: readonly T[]): T[] {
  return [...members].sort(compareMembers);
}

export { compareStrings };
