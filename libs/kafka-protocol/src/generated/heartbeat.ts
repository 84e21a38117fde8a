// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/HeartbeatRequest.json, HeartbeatResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** HeartbeatRequest, versions 0-3, flexible from 4. */
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
    groupId: r.string(),
    generationId: r.int32(),
    memberId: r.string(),
    groupInstanceId: version <= 2 ? null : r.nullableString(),
  };
  return o;
}

export function writeHeartbeatRequest(w: Writer, o: HeartbeatRequest, version: number): void {
  w.string(o.groupId);
  w.int32(o.generationId);
  w.string(o.memberId);
  if (version >= 3) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
}

/** HeartbeatResponse, versions 0-3, flexible from 4. */
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
  return o;
}

export function writeHeartbeatResponse(w: Writer, o: HeartbeatResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
}

export const heartbeatCodec: ApiCodec<HeartbeatRequest, HeartbeatResponse> = {
  apiKey: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 4,
  readRequest: readHeartbeatRequest,
  writeRequest: writeHeartbeatRequest,
  readResponse: readHeartbeatResponse,
  writeResponse: writeHeartbeatResponse,
};
