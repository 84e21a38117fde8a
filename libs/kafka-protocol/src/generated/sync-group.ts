// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/SyncGroupRequest.json, SyncGroupResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readArray, readTaggedFields, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** SyncGroupRequest, versions 0-5, flexible from 4. */
export interface SyncGroupRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The generation of the group. */
  generationId: number;
  /** The member ID assigned by the group. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
  /** The group protocol type. */
  protocolType?: string | null;
  /** The group protocol name. */
  protocolName?: string | null;
  /** Each assignment. */
  assignments: SyncGroupRequestAssignment[];
}

export function readSyncGroupRequest(r: Reader, version: number): SyncGroupRequest {
  const o: SyncGroupRequest = {
    groupId: version <= 3 ? r.string() : r.compactString(),
    generationId: r.int32(),
    memberId: version <= 3 ? r.string() : r.compactString(),
    groupInstanceId: version <= 2 ? null : version <= 3 ? r.nullableString() : r.compactNullableString(),
    protocolType: version <= 4 ? null : r.compactNullableString(),
    protocolName: version <= 4 ? null : r.compactNullableString(),
    assignments: version <= 3 ? readArray(r, false, (r) => readSyncGroupRequestAssignment(r, version)) : readArray(r, true, (r) => readSyncGroupRequestAssignment(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeSyncGroupRequest(w: Writer, o: SyncGroupRequest, version: number): void {
  if (version <= 3) w.string(o.groupId);
  if (version >= 4) w.compactString(o.groupId);
  w.int32(o.generationId);
  if (version <= 3) w.string(o.memberId);
  if (version >= 4) w.compactString(o.memberId);
  if (version >= 3 && version <= 3) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 4) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 5) w.compactNullableString((o.protocolType === undefined ? null : o.protocolType));
  if (version >= 5) w.compactNullableString((o.protocolName === undefined ? null : o.protocolName));
  if (version <= 3) writeArray(w, false, o.assignments, (w, e) => writeSyncGroupRequestAssignment(w, e, version));
  if (version >= 4) writeArray(w, true, o.assignments, (w, e) => writeSyncGroupRequestAssignment(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. */
  memberId: string;
  /** The member assignment. */
  assignment: Buffer;
}

export function readSyncGroupRequestAssignment(r: Reader, version: number): SyncGroupRequestAssignment {
  const o: SyncGroupRequestAssignment = {
    memberId: version <= 3 ? r.string() : r.compactString(),
    assignment: version <= 3 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeSyncGroupRequestAssignment(w: Writer, o: SyncGroupRequestAssignment, version: number): void {
  if (version <= 3) w.string(o.memberId);
  if (version >= 4) w.compactString(o.memberId);
  if (version <= 3) w.bytes(o.assignment);
  if (version >= 4) w.compactBytes(o.assignment);
  if (version >= 4) w.uvarint(0);
}

/** SyncGroupResponse, versions 0-5, flexible from 4. */
export interface SyncGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The group protocol type. */
  protocolType?: string | null;
  /** The group protocol name. */
  protocolName?: string | null;
  /** The member assignment. */
  assignment: Buffer;
}

export function readSyncGroupResponse(r: Reader, version: number): SyncGroupResponse {
  const o: SyncGroupResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: r.int16(),
    protocolType: version <= 4 ? null : r.compactNullableString(),
    protocolName: version <= 4 ? null : r.compactNullableString(),
    assignment: version <= 3 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeSyncGroupResponse(w: Writer, o: SyncGroupResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  if (version >= 5) w.compactNullableString((o.protocolType === undefined ? null : o.protocolType));
  if (version >= 5) w.compactNullableString((o.protocolName === undefined ? null : o.protocolName));
  if (version <= 3) w.bytes(o.assignment);
  if (version >= 4) w.compactBytes(o.assignment);
  if (version >= 4) w.uvarint(0);
}

export const syncGroupCodec: ApiCodec<SyncGroupRequest, SyncGroupResponse> = {
  apiKey: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 4,
  readRequest: readSyncGroupRequest,
  writeRequest: writeSyncGroupRequest,
  readResponse: readSyncGroupResponse,
  writeResponse: writeSyncGroupResponse,
};
