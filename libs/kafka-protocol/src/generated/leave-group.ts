// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/LeaveGroupRequest.json, LeaveGroupResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** LeaveGroupRequest, versions 0-3, flexible from 4. */
export interface LeaveGroupRequest {
  /** The ID of the group to leave. */
  groupId: string;
  /** The member ID to remove from the group. */
  memberId?: string;
  /** List of leaving member identities. */
  members?: LeaveGroupRequestMemberIdentity[];
}

export function readLeaveGroupRequest(r: Reader, version: number): LeaveGroupRequest {
  const o: LeaveGroupRequest = {
    groupId: r.string(),
    memberId: version <= 2 ? r.string() : "",
    members: version <= 2 ? [] : readArray(r, false, (r) => readLeaveGroupRequestMemberIdentity(r, version)),
  };
  return o;
}

export function writeLeaveGroupRequest(w: Writer, o: LeaveGroupRequest, version: number): void {
  w.string(o.groupId);
  if (version <= 2) w.string((o.memberId ?? ""));
  if (version >= 3) writeArray(w, false, (o.members ?? []), (w, e) => writeLeaveGroupRequestMemberIdentity(w, e, version));
}

export interface LeaveGroupRequestMemberIdentity {
  /** The member ID to remove from the group. */
  memberId: string;
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null;
}

export function readLeaveGroupRequestMemberIdentity(r: Reader, version: number): LeaveGroupRequestMemberIdentity {
  const o: LeaveGroupRequestMemberIdentity = {
    memberId: r.string(),
    groupInstanceId: r.nullableString(),
  };
  return o;
}

export function writeLeaveGroupRequestMemberIdentity(w: Writer, o: LeaveGroupRequestMemberIdentity, version: number): void {
  w.string(o.memberId);
  w.nullableString(o.groupInstanceId);
}

/** LeaveGroupResponse, versions 0-3, flexible from 4. */
export interface LeaveGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** List of leaving member responses. */
  members?: LeaveGroupResponseMemberResponse[];
}

export function readLeaveGroupResponse(r: Reader, version: number): LeaveGroupResponse {
  const o: LeaveGroupResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    errorCode: r.int16(),
    members: version <= 2 ? [] : readArray(r, false, (r) => readLeaveGroupResponseMemberResponse(r, version)),
  };
  return o;
}

export function writeLeaveGroupResponse(w: Writer, o: LeaveGroupResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  if (version >= 3) writeArray(w, false, (o.members ?? []), (w, e) => writeLeaveGroupResponseMemberResponse(w, e, version));
}

export interface LeaveGroupResponseMemberResponse {
  /** The member ID to remove from the group. */
  memberId: string;
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function readLeaveGroupResponseMemberResponse(r: Reader, version: number): LeaveGroupResponseMemberResponse {
  const o: LeaveGroupResponseMemberResponse = {
    memberId: r.string(),
    groupInstanceId: r.nullableString(),
    errorCode: r.int16(),
  };
  return o;
}

export function writeLeaveGroupResponseMemberResponse(w: Writer, o: LeaveGroupResponseMemberResponse, version: number): void {
  w.string(o.memberId);
  w.nullableString(o.groupInstanceId);
  w.int16(o.errorCode);
}

export const leaveGroupCodec: ApiCodec<LeaveGroupRequest, LeaveGroupResponse> = {
  apiKey: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 4,
  readRequest: readLeaveGroupRequest,
  writeRequest: writeLeaveGroupRequest,
  readResponse: readLeaveGroupResponse,
  writeResponse: writeLeaveGroupResponse,
};
