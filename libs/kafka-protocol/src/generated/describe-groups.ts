// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DescribeGroupsRequest.json, DescribeGroupsResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readArray, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** DescribeGroupsRequest, versions 0-4, flexible from 5. */
export interface DescribeGroupsRequest {
  /** The names of the groups to describe */
  groups: string[];
  /** Whether to include authorized operations. */
  includeAuthorizedOperations?: boolean;
}

export function readDescribeGroupsRequest(r: Reader, version: number): DescribeGroupsRequest {
  const o: DescribeGroupsRequest = {
    groups: readArray(r, false, (r) => r.string()),
    includeAuthorizedOperations: version <= 2 ? false : r.bool(),
  };
  return o;
}

export function writeDescribeGroupsRequest(w: Writer, o: DescribeGroupsRequest, version: number): void {
  writeArray(w, false, o.groups, (w, e) => w.string(e));
  if (version >= 3) w.bool((o.includeAuthorizedOperations ?? false));
}

/** DescribeGroupsResponse, versions 0-4, flexible from 5. */
export interface DescribeGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Each described group. */
  groups: DescribeGroupsResponseDescribedGroup[];
}

export function readDescribeGroupsResponse(r: Reader, version: number): DescribeGroupsResponse {
  const o: DescribeGroupsResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    groups: readArray(r, false, (r) => readDescribeGroupsResponseDescribedGroup(r, version)),
  };
  return o;
}

export function writeDescribeGroupsResponse(w: Writer, o: DescribeGroupsResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  writeArray(w, false, o.groups, (w, e) => writeDescribeGroupsResponseDescribedGroup(w, e, version));
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
    groupId: r.string(),
    groupState: r.string(),
    protocolType: r.string(),
    protocolData: r.string(),
    members: readArray(r, false, (r) => readDescribeGroupsResponseDescribedGroupMember(r, version)),
    authorizedOperations: version <= 2 ? -2147483648 : r.int32(),
  };
  return o;
}

export function writeDescribeGroupsResponseDescribedGroup(w: Writer, o: DescribeGroupsResponseDescribedGroup, version: number): void {
  w.int16(o.errorCode);
  w.string(o.groupId);
  w.string(o.groupState);
  w.string(o.protocolType);
  w.string(o.protocolData);
  writeArray(w, false, o.members, (w, e) => writeDescribeGroupsResponseDescribedGroupMember(w, e, version));
  if (version >= 3) w.int32((o.authorizedOperations ?? -2147483648));
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
    memberId: r.string(),
    groupInstanceId: version <= 3 ? null : r.nullableString(),
    clientId: r.string(),
    clientHost: r.string(),
    memberMetadata: r.bytes(),
    memberAssignment: r.bytes(),
  };
  return o;
}

export function writeDescribeGroupsResponseDescribedGroupMember(w: Writer, o: DescribeGroupsResponseDescribedGroupMember, version: number): void {
  w.string(o.memberId);
  if (version >= 4) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  w.string(o.clientId);
  w.string(o.clientHost);
  w.bytes(o.memberMetadata);
  w.bytes(o.memberAssignment);
}

export const describeGroupsCodec: ApiCodec<DescribeGroupsRequest, DescribeGroupsResponse> = {
  apiKey: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 5,
  readRequest: readDescribeGroupsRequest,
  writeRequest: writeDescribeGroupsRequest,
  readResponse: readDescribeGroupsResponse,
  writeResponse: writeDescribeGroupsResponse,
};
