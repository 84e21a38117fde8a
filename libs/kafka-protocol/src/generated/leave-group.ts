// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/LeaveGroupRequest.json, LeaveGroupResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** LeaveGroupRequest, versions 0-5, flexible from 4. */
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
    groupId: version <= 3 ? r.string() : r.compactString(),
    memberId: version <= 2 ? r.string() : "",
    members: version <= 2 ? [] : version <= 3 ? readArray(r, false, (r) => readLeaveGroupRequestMemberIdentity(r, version)) : readArray(r, true, (r) => readLeaveGroupRequestMemberIdentity(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeLeaveGroupRequest(w: Writer, o: LeaveGroupRequest, version: number): void {
  if (version <= 3) w.string(o.groupId);
  if (version >= 4) w.compactString(o.groupId);
  if (version <= 2) w.string((o.memberId ?? ""));
  if (version >= 3 && version <= 3) writeArray(w, false, (o.members ?? []), (w, e) => writeLeaveGroupRequestMemberIdentity(w, e, version));
  if (version >= 4) writeArray(w, true, (o.members ?? []), (w, e) => writeLeaveGroupRequestMemberIdentity(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface LeaveGroupRequestMemberIdentity {
  /** The member ID to remove from the group. */
  memberId: string;
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null;
  /** The reason why the member left the group. */
  reason?: string | null;
}

export function readLeaveGroupRequestMemberIdentity(r: Reader, version: number): LeaveGroupRequestMemberIdentity {
  const o: LeaveGroupRequestMemberIdentity = {
    memberId: version <= 3 ? r.string() : r.compactString(),
    groupInstanceId: version <= 3 ? r.nullableString() : r.compactNullableString(),
    reason: version <= 4 ? null : r.compactNullableString(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeLeaveGroupRequestMemberIdentity(w: Writer, o: LeaveGroupRequestMemberIdentity, version: number): void {
  if (version <= 3) w.string(o.memberId);
  if (version >= 4) w.compactString(o.memberId);
  if (version <= 3) w.nullableString(o.groupInstanceId);
  if (version >= 4) w.compactNullableString(o.groupInstanceId);
  if (version >= 5) w.compactNullableString((o.reason === undefined ? null : o.reason));
  if (version >= 4) w.uvarint(0);
}

/** LeaveGroupResponse, versions 0-5, flexible from 4. */
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
    members: version <= 2 ? [] : version <= 3 ? readArray(r, false, (r) => readLeaveGroupResponseMemberResponse(r, version)) : readArray(r, true, (r) => readLeaveGroupResponseMemberResponse(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeLeaveGroupResponse(w: Writer, o: LeaveGroupResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  if (version >= 3 && version <= 3) writeArray(w, false, (o.members ?? []), (w, e) => writeLeaveGroupResponseMemberResponse(w, e, version));
  if (version >= 4) writeArray(w, true, (o.members ?? []), (w, e) => writeLeaveGroupResponseMemberResponse(w, e, version));
  if (version >= 4) w.uvarint(0);
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
    memberId: version <= 3 ? r.string() : r.compactString(),
    groupInstanceId: version <= 3 ? r.nullableString() : r.compactNullableString(),
    errorCode: r.int16(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeLeaveGroupResponseMemberResponse(w: Writer, o: LeaveGroupResponseMemberResponse, version: number): void {
  if (version <= 3) w.string(o.memberId);
  if (version >= 4) w.compactString(o.memberId);
  if (version <= 3) w.nullableString(o.groupInstanceId);
  if (version >= 4) w.compactNullableString(o.groupInstanceId);
  w.int16(o.errorCode);
  if (version >= 4) w.uvarint(0);
}

export const leaveGroupCodec: ApiCodec<LeaveGroupRequest, LeaveGroupResponse> = {
  apiKey: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 4,
  readRequest: readLeaveGroupRequest,
  writeRequest: writeLeaveGroupRequest,
  readResponse: readLeaveGroupResponse,
  writeResponse: writeLeaveGroupResponse,
};
