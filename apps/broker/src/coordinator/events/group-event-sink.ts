import type { GroupEvent } from '@app/domain';

/** Where the coordinator reports membership and rebalance changes. Must never throw or block. */
export interface GroupEventSink {
  publish(event: GroupEvent): void;
}
