import { ProtocolDecodeError } from './errors';
import {
  ConsumerProtocolAssignmentVersions,
  ConsumerProtocolSubscriptionVersions,
  readConsumerProtocolAssignment,
  readConsumerProtocolSubscription,
  writeConsumerProtocolAssignment,
  writeConsumerProtocolSubscription,
  type ConsumerProtocolAssignment,
  type ConsumerProtocolSubscription,
} from './generated';
import { Reader } from './io/reader';
import { Writer } from './io/writer';

/*
 * JoinGroup metadata / SyncGroup assignment bytes for protocol type "consumer": an int16 version,
 * then the struct in that version, never flexible. Later versions only append fields, so a newer
 * version decodes as the newest we know and trailing bytes are ignored.
 */

function readVersion(r: Reader, max: number): { version: number; readAs: number } {
  const version = r.int16();
  if (version < 0) throw new ProtocolDecodeError(`consumer protocol version ${version} is negative`);
  return { version, readAs: Math.min(version, max) };
}

export function decodeConsumerProtocolSubscription(buf: Buffer): ConsumerProtocolSubscription & { version: number } {
  const r = new Reader(buf);
  const { version, readAs } = readVersion(r, ConsumerProtocolSubscriptionVersions.max);
  return { ...readConsumerProtocolSubscription(r, readAs), version };
}

export function encodeConsumerProtocolSubscription(sub: ConsumerProtocolSubscription, version: number): Buffer {
  const w = new Writer(128).int16(version);
  writeConsumerProtocolSubscription(w, sub, version);
  return w.toBuffer();
}

export function decodeConsumerProtocolAssignment(buf: Buffer): ConsumerProtocolAssignment & { version: number } {
  const r = new Reader(buf);
  const { version, readAs } = readVersion(r, ConsumerProtocolAssignmentVersions.max);
  return { ...readConsumerProtocolAssignment(r, readAs), version };
}

export function encodeConsumerProtocolAssignment(assignment: ConsumerProtocolAssignment, version: number): Buffer {
  const w = new Writer(128).int16(version);
  writeConsumerProtocolAssignment(w, assignment, version);
  return w.toBuffer();
}
