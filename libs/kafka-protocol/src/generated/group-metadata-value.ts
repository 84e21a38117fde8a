// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/records/GroupMetadataValue.json.

import { EMPTY_BYTES, readArray, readTaggedFields, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** GroupMetadataValue, versions 0-4, flexible from 4. */
export interface GroupMetadataValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  currentStateTimestamp?: bigint;
  members: GroupMetadataValueMemberMetadata[];
}

export function readGroupMetadataValue(r: Reader, version: number): GroupMetadataValue {
  const o: GroupMetadataValue = {
    protocolType: version <= 3 ? r.string() : r.compactString(),
    generation: r.int32(),
    protocol: version <= 3 ? r.nullableString() : r.compactNullableString(),
    leader: version <= 3 ? r.nullableString() : r.compactNullableString(),
    currentStateTimestamp: version <= 1 ? -1n : r.int64(),
    members: version <= 3 ? readArray(r, false, (r) => readGroupMetadataValueMemberMetadata(r, version)) : readArray(r, true, (r) => readGroupMetadataValueMemberMetadata(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeGroupMetadataValue(w: Writer, o: GroupMetadataValue, version: number): void {
  if (version <= 3) w.string(o.protocolType);
  if (version >= 4) w.compactString(o.protocolType);
  w.int32(o.generation);
  if (version <= 3) w.nullableString(o.protocol);
  if (version >= 4) w.compactNullableString(o.protocol);
  if (version <= 3) w.nullableString(o.leader);
  if (version >= 4) w.compactNullableString(o.leader);
  if (version >= 2) w.int64((o.currentStateTimestamp ?? -1n));
  if (version <= 3) writeArray(w, false, o.members, (w, e) => writeGroupMetadataValueMemberMetadata(w, e, version));
  if (version >= 4) writeArray(w, true, o.members, (w, e) => writeGroupMetadataValueMemberMetadata(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface GroupMetadataValueMemberMetadata {
  memberId: string;
  groupInstanceId?: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeout?: number;
  sessionTimeout: number;
  subscription: Buffer;
  assignment: Buffer;
}

export function readGroupMetadataValueMemberMetadata(r: Reader, version: number): GroupMetadataValueMemberMetadata {
  const o: GroupMetadataValueMemberMetadata = {
    memberId: version <= 3 ? r.string() : r.compactString(),
    groupInstanceId: version <= 2 ? null : version <= 3 ? r.nullableString() : r.compactNullableString(),
    clientId: version <= 3 ? r.string() : r.compactString(),
    clientHost: version <= 3 ? r.string() : r.compactString(),
    rebalanceTimeout: version <= 0 ? -1 : r.int32(),
    sessionTimeout: r.int32(),
    subscription: version <= 3 ? r.bytes() : r.compactBytes(),
    assignment: version <= 3 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeGroupMetadataValueMemberMetadata(w: Writer, o: GroupMetadataValueMemberMetadata, version: number): void {
  if (version <= 3) w.string(o.memberId);
  if (version >= 4) w.compactString(o.memberId);
  if (version >= 3 && version <= 3) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 4) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version <= 3) w.string(o.clientId);
  if (version >= 4) w.compactString(o.clientId);
  if (version <= 3) w.string(o.clientHost);
  if (version >= 4) w.compactString(o.clientHost);
  if (version >= 1) w.int32((o.rebalanceTimeout ?? -1));
  w.int32(o.sessionTimeout);
  if (version <= 3) w.bytes(o.subscription);
  if (version >= 4) w.compactBytes(o.subscription);
  if (version <= 3) w.bytes(o.assignment);
  if (version >= 4) w.compactBytes(o.assignment);
  if (version >= 4) w.uvarint(0);
}

export const GroupMetadataValueVersions = { min: 0, max: 4 } as const;
