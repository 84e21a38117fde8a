// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ListGroupsRequest.json, ListGroupsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** ListGroupsRequest, versions 0-5, flexible from 3. */
export interface ListGroupsRequest {
  /** The states of the groups we want to list. If empty, all groups are returned with their state. */
  statesFilter?: string[];
  /** The types of the groups we want to list. If empty, all groups are returned with their type. */
  typesFilter?: string[];
}

export function readListGroupsRequest(r: Reader, version: number): ListGroupsRequest {
  const o: ListGroupsRequest = {
    statesFilter: version <= 3 ? [] : readArray(r, true, (r) => r.compactString()),
    typesFilter: version <= 4 ? [] : readArray(r, true, (r) => r.compactString()),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeListGroupsRequest(w: Writer, o: ListGroupsRequest, version: number): void {
  if (version >= 4) writeArray(w, true, (o.statesFilter ?? []), (w, e) => w.compactString(e));
  if (version >= 5) writeArray(w, true, (o.typesFilter ?? []), (w, e) => w.compactString(e));
  if (version >= 3) w.uvarint(0);
}

/** ListGroupsResponse, versions 0-5, flexible from 3. */
export interface ListGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** Each group in the response. */
  groups: ListGroupsResponseListedGroup[];
}

export function readListGroupsResponse(r: Reader, version: number): ListGroupsResponse {
  const o: ListGroupsResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: r.int16(),
    groups: version <= 2 ? readArray(r, false, (r) => readListGroupsResponseListedGroup(r, version)) : readArray(r, true, (r) => readListGroupsResponseListedGroup(r, version)),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeListGroupsResponse(w: Writer, o: ListGroupsResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  if (version <= 2) writeArray(w, false, o.groups, (w, e) => writeListGroupsResponseListedGroup(w, e, version));
  if (version >= 3) writeArray(w, true, o.groups, (w, e) => writeListGroupsResponseListedGroup(w, e, version));
  if (version >= 3) w.uvarint(0);
}

export interface ListGroupsResponseListedGroup {
  /** The group ID. */
  groupId: string;
  /** The group protocol type. */
  protocolType: string;
  /** The group state name. */
  groupState?: string;
  /** The group type name. */
  groupType?: string;
}

export function readListGroupsResponseListedGroup(r: Reader, version: number): ListGroupsResponseListedGroup {
  const o: ListGroupsResponseListedGroup = {
    groupId: version <= 2 ? r.string() : r.compactString(),
    protocolType: version <= 2 ? r.string() : r.compactString(),
    groupState: version <= 3 ? "" : r.compactString(),
    groupType: version <= 4 ? "" : r.compactString(),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeListGroupsResponseListedGroup(w: Writer, o: ListGroupsResponseListedGroup, version: number): void {
  if (version <= 2) w.string(o.groupId);
  if (version >= 3) w.compactString(o.groupId);
  if (version <= 2) w.string(o.protocolType);
  if (version >= 3) w.compactString(o.protocolType);
  if (version >= 4) w.compactString((o.groupState ?? ""));
  if (version >= 5) w.compactString((o.groupType ?? ""));
  if (version >= 3) w.uvarint(0);
}

export const listGroupsCodec: ApiCodec<ListGroupsRequest, ListGroupsResponse> = {
  apiKey: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 3,
  readRequest: readListGroupsRequest,
  writeRequest: writeListGroupsRequest,
  readResponse: readListGroupsResponse,
  writeResponse: writeListGroupsResponse,
};
