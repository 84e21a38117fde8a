// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/FindCoordinatorRequest.json, FindCoordinatorResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** FindCoordinatorRequest, versions 0-6, flexible from 3. */
export interface FindCoordinatorRequest {
  /** The coordinator key. */
  key?: string;
  /** The coordinator key type. (Group, transaction, etc.) */
  keyType?: number;
  /** The coordinator keys. */
  coordinatorKeys?: string[];
}

export function readFindCoordinatorRequest(r: Reader, version: number): FindCoordinatorRequest {
  const o: FindCoordinatorRequest = {
    key: version <= 2 ? r.string() : version <= 3 ? r.compactString() : "",
    keyType: version <= 0 ? 0 : r.int8(),
    coordinatorKeys: version <= 3 ? [] : readArray(r, true, (r) => r.compactString()),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeFindCoordinatorRequest(w: Writer, o: FindCoordinatorRequest, version: number): void {
  if (version <= 2) w.string((o.key ?? ""));
  if (version >= 3 && version <= 3) w.compactString((o.key ?? ""));
  if (version >= 1) w.int8((o.keyType ?? 0));
  if (version >= 4) writeArray(w, true, (o.coordinatorKeys ?? []), (w, e) => w.compactString(e));
  if (version >= 3) w.uvarint(0);
}

/** FindCoordinatorResponse, versions 0-6, flexible from 3. */
export interface FindCoordinatorResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode?: number;
  /** The error message, or null if there was no error. */
  errorMessage?: string | null;
  /** The node id. */
  nodeId?: number;
  /** The host name. */
  host?: string;
  /** The port. */
  port?: number;
  /** Each coordinator result in the response */
  coordinators?: FindCoordinatorResponseCoordinator[];
}

export function readFindCoordinatorResponse(r: Reader, version: number): FindCoordinatorResponse {
  const o: FindCoordinatorResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: version <= 3 ? r.int16() : 0,
    errorMessage: version <= 0 ? "" : version <= 2 ? r.nullableString() : version <= 3 ? r.compactNullableString() : "",
    nodeId: version <= 3 ? r.int32() : 0,
    host: version <= 2 ? r.string() : version <= 3 ? r.compactString() : "",
    port: version <= 3 ? r.int32() : 0,
    coordinators: version <= 3 ? [] : readArray(r, true, (r) => readFindCoordinatorResponseCoordinator(r, version)),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeFindCoordinatorResponse(w: Writer, o: FindCoordinatorResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 3) w.int16((o.errorCode ?? 0));
  if (version >= 1 && version <= 2) w.nullableString((o.errorMessage === undefined ? "" : o.errorMessage));
  if (version >= 3 && version <= 3) w.compactNullableString((o.errorMessage === undefined ? "" : o.errorMessage));
  if (version <= 3) w.int32((o.nodeId ?? 0));
  if (version <= 2) w.string((o.host ?? ""));
  if (version >= 3 && version <= 3) w.compactString((o.host ?? ""));
  if (version <= 3) w.int32((o.port ?? 0));
  if (version >= 4) writeArray(w, true, (o.coordinators ?? []), (w, e) => writeFindCoordinatorResponseCoordinator(w, e, version));
  if (version >= 3) w.uvarint(0);
}

export interface FindCoordinatorResponseCoordinator {
  /** The coordinator key. */
  key: string;
  /** The node id. */
  nodeId: number;
  /** The host name. */
  host: string;
  /** The port. */
  port: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
}

export function readFindCoordinatorResponseCoordinator(r: Reader, version: number): FindCoordinatorResponseCoordinator {
  const o: FindCoordinatorResponseCoordinator = {
    key: r.compactString(),
    nodeId: r.int32(),
    host: r.compactString(),
    port: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.compactNullableString(),
  };
  readTaggedFields(r);
  return o;
}

export function writeFindCoordinatorResponseCoordinator(w: Writer, o: FindCoordinatorResponseCoordinator, version: number): void {
  w.compactString(o.key);
  w.int32(o.nodeId);
  w.compactString(o.host);
  w.int32(o.port);
  w.int16(o.errorCode);
  w.compactNullableString(o.errorMessage);
  w.uvarint(0);
}

export const findCoordinatorCodec: ApiCodec<FindCoordinatorRequest, FindCoordinatorResponse> = {
  apiKey: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 6,
  flexibleMinVersion: 3,
  readRequest: readFindCoordinatorRequest,
  writeRequest: writeFindCoordinatorRequest,
  readResponse: readFindCoordinatorResponse,
  writeResponse: writeFindCoordinatorResponse,
};
