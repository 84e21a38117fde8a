// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DeleteGroupsRequest.json, DeleteGroupsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** DeleteGroupsRequest, versions 0-2, flexible from 2. */
export interface DeleteGroupsRequest {
  /** The group names to delete. */
  groupsNames: string[];
}

export function readDeleteGroupsRequest(r: Reader, version: number): DeleteGroupsRequest {
  const o: DeleteGroupsRequest = {
    groupsNames: version <= 1 ? readArray(r, false, (r) => r.string()) : readArray(r, true, (r) => r.compactString()),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteGroupsRequest(w: Writer, o: DeleteGroupsRequest, version: number): void {
  if (version <= 1) writeArray(w, false, o.groupsNames, (w, e) => w.string(e));
  if (version >= 2) writeArray(w, true, o.groupsNames, (w, e) => w.compactString(e));
  if (version >= 2) w.uvarint(0);
}

/** DeleteGroupsResponse, versions 0-2, flexible from 2. */
export interface DeleteGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The deletion results */
  results: DeleteGroupsResponseDeletableGroupResult[];
}

export function readDeleteGroupsResponse(r: Reader, version: number): DeleteGroupsResponse {
  const o: DeleteGroupsResponse = {
    throttleTimeMs: r.int32(),
    results: version <= 1 ? readArray(r, false, (r) => readDeleteGroupsResponseDeletableGroupResult(r, version)) : readArray(r, true, (r) => readDeleteGroupsResponseDeletableGroupResult(r, version)),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteGroupsResponse(w: Writer, o: DeleteGroupsResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  if (version <= 1) writeArray(w, false, o.results, (w, e) => writeDeleteGroupsResponseDeletableGroupResult(w, e, version));
  if (version >= 2) writeArray(w, true, o.results, (w, e) => writeDeleteGroupsResponseDeletableGroupResult(w, e, version));
  if (version >= 2) w.uvarint(0);
}

export interface DeleteGroupsResponseDeletableGroupResult {
  /** The group id */
  groupId: string;
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number;
}

export function readDeleteGroupsResponseDeletableGroupResult(r: Reader, version: number): DeleteGroupsResponseDeletableGroupResult {
  const o: DeleteGroupsResponseDeletableGroupResult = {
    groupId: version <= 1 ? r.string() : r.compactString(),
    errorCode: r.int16(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteGroupsResponseDeletableGroupResult(w: Writer, o: DeleteGroupsResponseDeletableGroupResult, version: number): void {
  if (version <= 1) w.string(o.groupId);
  if (version >= 2) w.compactString(o.groupId);
  w.int16(o.errorCode);
  if (version >= 2) w.uvarint(0);
}

export const deleteGroupsCodec: ApiCodec<DeleteGroupsRequest, DeleteGroupsResponse> = {
  apiKey: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  readRequest: readDeleteGroupsRequest,
  writeRequest: writeDeleteGroupsRequest,
  readResponse: readDeleteGroupsResponse,
  writeResponse: writeDeleteGroupsResponse,
};
