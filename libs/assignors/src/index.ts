export * from './types';
export { compareMembers, sortMembers } from './member-order';
export { rangeAssign } from './range';
export { roundRobinAssign } from './roundrobin';
export { stickyAssign } from './sticky';
export { cooperativeStickyAssign } from './cooperative-sticky';
export { ASSIGNORS, assignorFor, type AssignorName } from './registry';
export { kafkajsRangeAssigner, kafkajsRoundRobinAssigner, kafkajsStickyAssigner, membersFromMetadata, type OwnedState } from './kafkajs/kafkajs-assigners';
export { encodeStickyUserData, decodeStickyUserData, type StickyUserData } from './kafkajs/sticky-user-data';
