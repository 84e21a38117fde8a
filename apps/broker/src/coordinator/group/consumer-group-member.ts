import type { CancelTimer } from '../time/clock';
import type { Assignment } from './assignment';

/**
 * Where a member stands against its target assignment (Kafka's MemberState): at the target, holding partitions
 * it must revoke first, or waiting for partitions another member has not released yet.
 */
export type MemberReconciliationState = 'stable' | 'unrevoked_partitions' | 'unreleased_partitions';

/** What reconciliation reads and writes of a member: its epoch, state and partitions. */
export interface MemberAssignment {
  epoch: number;
  state: MemberReconciliationState;
  /** Partitions the member may use now. */
  assigned: Assignment;
  /** Partitions the member still holds and must give up before it moves to the next epoch. */
  revoking: Assignment;
}

/** One member of a KIP-848 consumer group (Kafka's ConsumerGroupMember), with its session and revocation timers. */
export class ConsumerGroupMember implements MemberAssignment {
  epoch = 0;
  /** The epoch before the last bump: a heartbeat at this epoch may simply have missed the answer that moved it. */
  previousEpoch = -1;
  state: MemberReconciliationState = 'stable';
  assigned: Assignment = new Map();
  revoking: Assignment = new Map();

  instanceId: string | null = null;
  rackId: string | null = null;
  rebalanceTimeoutMs = 0;
  sessionTimeoutMs = 0;
  subscribedTopicNames: string[] = [];
  subscribedTopicRegex: string | null = null;
  /** The compiled regex and the topics it matched at a topic-metadata version. */
  regex: { source: string; pattern: RegExp; version: number; topics: string[] } | null = null;
  serverAssignor: string | null = null;
  /** A static member sent epoch -2: it will come back under a new member id and take over this one's place. */
  leftTemporarily = false;

  sessionDeadline = 0;
  cancelSession: CancelTimer | null = null;
  cancelRevocation: CancelTimer | null = null;

  constructor(
    public memberId: string,
    public clientId: string,
    public clientHost: string,
  ) {}

  stopTimers(): void {
    this.cancelSession?.();
    this.cancelSession = null;
    this.cancelRevocation?.();
    this.cancelRevocation = null;
  }
}
