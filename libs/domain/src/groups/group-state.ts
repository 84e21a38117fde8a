/** The classic consumer-group states, named as Kafka's DescribeGroups and ListGroups report them. */
export const GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;

export type GroupState = (typeof GROUP_STATES)[number];

export function isGroupState(value: string): value is GroupState {
  return (GROUP_STATES as readonly string[]).includes(value);
}
