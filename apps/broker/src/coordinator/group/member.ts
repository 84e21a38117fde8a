import type { CancelTimer } from '../time/clock';

export interface Protocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  /** Every member's metadata for the selected protocol, only in the leader's answer. */
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
  /** JoinGroup v9+ (KIP-814): the leader must not compute a new assignment (see JoinGroupRequest). */
  skipAssignment?: boolean;
}

export interface SyncGroupResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export const EMPTY_BYTES = Buffer.alloc(0);

/** One member of a classic group, with the callbacks of its held JoinGroup/SyncGroup requests. */
export class Member {
  assignment: Buffer = EMPTY_BYTES;
  awaitingJoin: ((result: JoinGroupResult) => void) | null = null;
  awaitingSync: ((result: SyncGroupResult) => void) | null = null;
  /** Joined but has not completed a rebalance yet: it gets the new-member timeout, not the session timeout. */
  isNew = false;
  heartbeatDeadline = 0;
  /** When the pending expiry timer fires; it re-arms itself if the deadline moved later meanwhile. */
  expiryAt = Infinity;
  cancelExpiry: CancelTimer | null = null;

  constructor(
    public memberId: string,
    public readonly groupInstanceId: string | null,
    public clientId: string,
    public clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    public protocolType: string,
    public protocols: Protocol[],
  ) {}

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  metadataFor(protocolName: string): Buffer {
    const protocol = this.protocols.find((p) => p.name === protocolName);
    if (!protocol) throw new Error(`member ${this.memberId} does not support protocol ${protocolName}`);
    return protocol.metadata;
  }

  /** Same protocols with the same metadata in the same order: a rejoin that changes nothing. */
  matches(protocols: readonly Protocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata))
    );
  }

  /** The first of this member's protocols that every member supports. */
  vote(candidates: ReadonlySet<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name));
    if (!choice) throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    return choice.name;
  }
}
