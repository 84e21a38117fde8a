// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DescribeGroupsRequest.json, DescribeGroupsResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readArray, readTaggedFields, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** DescribeGroupsRequest, versions 0-5, flexible from 5. */
export interface DescribeGroupsRequest {
  /** The names of the groups to describe */
  groups: string[];
  /** Whether to include authorized operations. */
  includeAuthorizedOperations?: boolean;
}

export function readDescribeGroupsRequest(r: Reader, version: number): DescribeGroupsRequest {
  const o: DescribeGroupsRequest = {
    groups: version <= 4 ? readArray(r, false, (r) => r.string()) : readArray(r, true, (r) => r.compactString()),
    includeAuthorizedOperations: version <= 2 ? false : r.bool(),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeDescribeGroupsRequest(w: Writer, o: DescribeGroupsRequest, version: number): void {
  if (version <= 4) writeArray(w, false, o.groups, (w, e) => w.string(e));
  if (version >= 5) writeArray(w, true, o.groups, (w, e) => w.compactString(e));
  if (version >= 3) w.bool((o.includeAuthorizedOperations ?? false));
  if (version >= 5) w.uvarint(0);
}

/** DescribeGroupsResponse, versions 0-5, flexible from 5. */
export interface DescribeGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Each described group. */
  groups: DescribeGroupsResponseDescribedGroup[];
}

export function readDescribeGroupsResponse(r: Reader, version: number): DescribeGroupsResponse {
  const o: DescribeGroupsResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    groups: version <= 4 ? readArray(r, false, (r) => readDescribeGroupsResponseDescribedGroup(r, version)) : readArray(r, true, (r) => readDescribeGroupsResponseDescribedGroup(r, version)),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeDescribeGroupsResponse(w: Writer, o: DescribeGroupsResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 4) writeArray(w, false, o.groups, (w, e) => writeDescribeGroupsResponseDescribedGroup(w, e, version));
  if (version >= 5) writeArray(w, true, o.groups, (w, e) => writeDescribeGroupsResponseDescribedGroup(w, e, version));
  if (version >= 5) w.uvarint(0);
}

export interface DescribeGroupsResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number;
  /** The group ID string. */
  groupId: string;
  /** The group state string, or the empty string. */
  groupState: string;
  /** The group protocol type, or the empty string. */
  protocolType: string;
  /** The group protocol data, or the empty string. */
  protocolData: string;
  /** The group members. */
  members: DescribeGroupsResponseDescribedGroupMember[];
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations?: number;
}

export function readDescribeGroupsResponseDescribedGroup(r: Reader, version: number): DescribeGroupsResponseDescribedGroup {
  const o: DescribeGroupsResponseDescribedGroup = {
    errorCode: r.int16(),
    groupId: version <= 4 ? r.string() : r.compactString(),
    groupState: version <= 4 ? r.string() : r.compactString(),
    protocolType: version <= 4 ? r.string() : r.compactString(),
    protocolData: version <= 4 ? r.string() : r.compactString(),
    members: version <= 4 ? readArray(r, false, (r) => readDescribeGroupsResponseDescribedGroupMember(r, version)) : readArray(r, true, (r) => readDescribeGroupsResponseDescribedGroupMember(r, version)),
    authorizedOperations: version <= 2 ? -2147483648 : r.int32(),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeDescribeGroupsResponseDescribedGroup(w: Writer, o: DescribeGroupsResponseDescribedGroup, version: number): void {
  w.int16(o.errorCode);
  if (version <= 4) w.string(o.groupId);
  if (version >= 5) w.compactString(o.groupId);
  if (version <= 4) w.string(o.groupState);
  if (version >= 5) w.compactString(o.groupState);
  if (version <= 4) w.string(o.protocolType);
  if (version >= 5) w.compactString(o.protocolType);
  if (version <= 4) w.string(o.protocolData);
  if (version >= 5) w.compactString(o.protocolData);
  if (version <= 4) writeArray(w, false, o.members, (w, e) => writeDescribeGroupsResponseDescribedGroupMember(w, e, version));
  if (version >= 5) writeArray(w, true, o.members, (w, e) => writeDescribeGroupsResponseDescribedGroupMember(w, e, version));
  if (version >= 3) w.int32((o.authorizedOperations ?? -2147483648));
  if (version >= 5) w.uvarint(0);
}

export interface DescribeGroupsResponseDescribedGroupMember {
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
  /** The client ID used in the member's latest join group request. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The metadata corresponding to the current group protocol in use. */
  memberMetadata: Buffer;
  /** The current assignment provided by the group leader. */
  memberAssignment: Buffer;
}

export function readDescribeGroupsResponseDescribedGroupMember(r: Reader, version: number): DescribeGroupsResponseDescribedGroupMember {
  const o: DescribeGroupsResponseDescribedGroupMember = {
    memberId: version <= 4 ? r.string() : r.compactString(),
    groupInstanceId: version <= 3 ? null : version <= 4 ? r.nullableString() : r.compactNullableString(),
    clientId: version <= 4 ? r.string() : r.compactString(),
    clientHost: version <= 4 ? r.string() : r.compactString(),
    memberMetadata: version <= 4 ? r.bytes() : r.compactBytes(),
    memberAssignment: version <= 4 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeDescribeGroupsResponseDescribedGroupMember(w: Writer, o: DescribeGroupsResponseDescribedGroupMember, version: number): void {
  if (version <= 4) w.string(o.memberId);
  if (version >= 5) w.compactString(o.memberId);
  if (version >= 4 && version <= 4) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 5) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version <= 4) w.string(o.clientId);
  if (version >= 5) w.compactString(o.clientId);
  if (version <= 4) w.string(o.clientHost);
  if (version >= 5) w.compactString(o.clientHost);
  if (version <= 4) w.bytes(o.memberMetadata);
  if (version >= 5) w.compactBytes(o.memberMetadata);
  if (version <= 4) w.bytes(o.memberAssignment);
  if (version >= 5) w.compactBytes(o.memberAssignment);
  if (version >= 5) w.uvarint(0);
}

export const describeGroupsCodec: ApiCodec<DescribeGroupsRequest, DescribeGroupsResponse> = {
  apiKey: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 5,
  readRequest: readDescribeGroupsRequest,
  writeRequest: writeDescribeGroupsRequest,
  readResponse: readDescribeGroupsResponse,
  writeResponse: writeDescribeGroupsResponse,
};
