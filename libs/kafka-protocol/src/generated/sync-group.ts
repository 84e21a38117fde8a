// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/SyncGroupRequest.json, SyncGroupResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readArray, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** SyncGroupRequest, versions 0-3, flexible from 4. */
export interface SyncGroupRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The generation of the group. */
  generationId: number;
  /** The member ID assigned by the group. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
  /** Each assignment. */
  assignments: SyncGroupRequestAssignment[];
}

export function readSyncGroupRequest(r: Reader, version: number): SyncGroupRequest {
  const o: SyncGroupRequest = {
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    groupInstanceId: version <= 2 ? null : r.nullableString(),
    assignments: readArray(r, false, (r) => readSyncGroupRequestAssignment(r, version)),
  };
  return o;
}

export function writeSyncGroupRequest(w: Writer, o: SyncGroupRequest, version: number): void {
  w.string(o.groupId);
  w.int32(o.generationId);
  w.string(o.memberId);
  if (version >= 3) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  writeArray(w, false, o.assignments, (w, e) => writeSyncGroupRequestAssignment(w, e, version));
}

export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. */
  memberId: string;
  /** The member assignment. */
  assignment: Buffer;
}

export function readSyncGroupRequestAssignment(r: Reader, version: number): SyncGroupRequestAssignment {
  const o: SyncGroupRequestAssignment = {
    memberId: r.string(),
    assignment: r.bytes(),
  };
  return o;
}

export function writeSyncGroupRequestAssignment(w: Writer, o: SyncGroupRequestAssignment, version: number): void {
  w.string(o.memberId);
  w.bytes(o.assignment);
}

/** SyncGroupResponse, versions 0-3, flexible from 4. */
export interface SyncGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The member assignment. */
  assignment: Buffer;
}

export function readSyncGroupResponse(r: Reader, version: number): SyncGroupResponse {
  const o: SyncGroupResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: r.int16(),
    assignment: r.bytes(),
  };
  return o;
}

export function writeSyncGroupResponse(w: Writer, o: SyncGroupResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  w.bytes(o.assignment);
}

export const syncGroupCodec: ApiCodec<SyncGroupRequest, SyncGroupResponse> = {
  apiKey: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 4,
  readRequest: readSyncGroupRequest,
  writeRequest: writeSyncGroupRequest,
  readResponse: readSyncGroupResponse,
  writeResponse: writeSyncGroupResponse,
};
