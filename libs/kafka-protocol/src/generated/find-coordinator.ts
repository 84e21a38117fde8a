// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/FindCoordinatorRequest.json, FindCoordinatorResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** FindCoordinatorRequest, versions 0-2, flexible from 3. */
export interface FindCoordinatorRequest {
  /** The coordinator key. */
  key: string;
  /** The coordinator key type. (Group, transaction, etc.) */
  keyType?: number;
}

export function readFindCoordinatorRequest(r: Reader, version: number): FindCoordinatorRequest {
  const o: FindCoordinatorRequest = {
    key: r.string(),
    keyType: version <= 0 ? 0 : r.int8(),
  };
  return o;
}

export function writeFindCoordinatorRequest(w: Writer, o: FindCoordinatorRequest, version: number): void {
  w.string(o.key);
  if (version >= 1) w.int8((o.keyType ?? 0));
}

/** FindCoordinatorResponse, versions 0-2, flexible from 3. */
export interface FindCoordinatorResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage?: string | null;
  /** The node id. */
  nodeId: number;
  /** The host name. */
  host: string;
  /** The port. */
  port: number;
}

export function readFindCoordinatorResponse(r: Reader, version: number): FindCoordinatorResponse {
  const o: FindCoordinatorResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: r.int16(),
    errorMessage: version <= 0 ? "" : r.nullableString(),
    nodeId: r.int32(),
    host: r.string(),
    port: r.int32(),
  };
  return o;
}

export function writeFindCoordinatorResponse(w: Writer, o: FindCoordinatorResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  if (version >= 1) w.nullableString((o.errorMessage === undefined ? "" : o.errorMessage));
  w.int32(o.nodeId);
  w.string(o.host);
  w.int32(o.port);
}

export const findCoordinatorCodec: ApiCodec<FindCoordinatorRequest, FindCoordinatorResponse> = {
  apiKey: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 3,
  readRequest: readFindCoordinatorRequest,
  writeRequest: writeFindCoordinatorRequest,
  readResponse: readFindCoordinatorResponse,
  writeResponse: writeFindCoordinatorResponse,
};
