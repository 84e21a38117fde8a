/** A message that did not decode: where it is, why, and its raw bytes, so nothing is dropped unseen. */
export interface UndecodableMessage {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  value: Buffer | null;
}

/** Thrown (by default) for an undecodable message; it stays uncommitted, so the job stops at it. */
export class UndecodableMessageError extends Error {
  constructor(readonly message_: UndecodableMessage) {
    super(`undecodable message at ${message_.topic}/${message_.partition}@${message_.offset}: ${message_.reason}`);
  }
}
