// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/HeartbeatRequest.json, HeartbeatResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readTaggedFields } from '../io/codec-helpers';

/** HeartbeatRequest, versions 0-4, flexible from 4. */
export interface HeartbeatRequest {
  /** The group id. */
  groupId: string;
  /** The generation of the group. */
  generationId: number;
  /** The member ID. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
}

export function readHeartbeatRequest(r: Reader, version: number): HeartbeatRequest {
  const o: HeartbeatRequest = {
    groupId: version <= 3 ? r.string() : r.compactString(),
    generationId: r.int32(),
    memberId: version <= 3 ? r.string() : r.compactString(),
    groupInstanceId: version <= 2 ? null : version <= 3 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeHeartbeatRequest(w: Writer, o: HeartbeatRequest, version: number): void {
  if (version <= 3) w.string(o.groupId);
  if (version >= 4) w.compactString(o.groupId);
  w.int32(o.generationId);
  if (version <= 3) w.string(o.memberId);
  if (version >= 4) w.compactString(o.memberId);
  if (version >= 3 && version <= 3) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 4) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 4) w.uvarint(0);
}

/** HeartbeatResponse, versions 0-4, flexible from 4. */
export interface HeartbeatResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function readHeartbeatResponse(r: Reader, version: number): HeartbeatResponse {
  const o: HeartbeatResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: r.int16(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeHeartbeatResponse(w: Writer, o: HeartbeatResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  if (version >= 4) w.uvarint(0);
}

export const heartbeatCodec: ApiCodec<HeartbeatRequest, HeartbeatResponse> = {
  apiKey: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 4,
  readRequest: readHeartbeatRequest,
  writeRequest: writeHeartbeatRequest,
  readResponse: readHeartbeatResponse,
  writeResponse: writeHeartbeatResponse,
};
