// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/JoinGroupRequest.json, JoinGroupResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readArray, readTaggedFields, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { nonNull } from '../io/non-null';

/** JoinGroupRequest, versions 0-9, flexible from 6. */
export interface JoinGroupRequest {
  /** The group identifier. */
  groupId: string;
  /** The coordinator considers the consumer dead if it receives no heartbeat after this timeout in milliseconds. */
  sessionTimeoutMs: number;
  /** The maximum time in milliseconds that the coordinator will wait for each member to rejoin when rebalancing the group. */
  rebalanceTimeoutMs?: number;
  /** The member id assigned by the group coordinator. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
  /** The unique name the for class of protocols implemented by the group we want to join. */
  protocolType: string;
  /** The list of protocols that the member supports. */
  protocols: JoinGroupRequestProtocol[];
  /** The reason why the member (re-)joins the group. */
  reason?: string | null;
}

export function readJoinGroupRequest(r: Reader, version: number): JoinGroupRequest {
  const o: JoinGroupRequest = {
    groupId: version <= 5 ? r.string() : r.compactString(),
    sessionTimeoutMs: r.int32(),
    rebalanceTimeoutMs: version <= 0 ? -1 : r.int32(),
    memberId: version <= 5 ? r.string() : r.compactString(),
    groupInstanceId: version <= 4 ? null : version <= 5 ? r.nullableString() : r.compactNullableString(),
    protocolType: version <= 5 ? r.string() : r.compactString(),
    protocols: version <= 5 ? readArray(r, false, (r) => readJoinGroupRequestProtocol(r, version)) : readArray(r, true, (r) => readJoinGroupRequestProtocol(r, version)),
    reason: version <= 7 ? null : r.compactNullableString(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeJoinGroupRequest(w: Writer, o: JoinGroupRequest, version: number): void {
  if (version <= 5) w.string(o.groupId);
  if (version >= 6) w.compactString(o.groupId);
  w.int32(o.sessionTimeoutMs);
  if (version >= 1) w.int32((o.rebalanceTimeoutMs ?? -1));
  if (version <= 5) w.string(o.memberId);
  if (version >= 6) w.compactString(o.memberId);
  if (version >= 5 && version <= 5) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 6) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version <= 5) w.string(o.protocolType);
  if (version >= 6) w.compactString(o.protocolType);
  if (version <= 5) writeArray(w, false, o.protocols, (w, e) => writeJoinGroupRequestProtocol(w, e, version));
  if (version >= 6) writeArray(w, true, o.protocols, (w, e) => writeJoinGroupRequestProtocol(w, e, version));
  if (version >= 8) w.compactNullableString((o.reason === undefined ? null : o.reason));
  if (version >= 6) w.uvarint(0);
}

export interface JoinGroupRequestProtocol {
  /** The protocol name. */
  name: string;
  /** The protocol metadata. */
  metadata: Buffer;
}

export function readJoinGroupRequestProtocol(r: Reader, version: number): JoinGroupRequestProtocol {
  const o: JoinGroupRequestProtocol = {
    name: version <= 5 ? r.string() : r.compactString(),
    metadata: version <= 5 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeJoinGroupRequestProtocol(w: Writer, o: JoinGroupRequestProtocol, version: number): void {
  if (version <= 5) w.string(o.name);
  if (version >= 6) w.compactString(o.name);
  if (version <= 5) w.bytes(o.metadata);
  if (version >= 6) w.compactBytes(o.metadata);
  if (version >= 6) w.uvarint(0);
}

/** JoinGroupResponse, versions 0-9, flexible from 6. */
export interface JoinGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The generation ID of the group. */
  generationId: number;
  /** The group protocol name. */
  protocolType?: string | null;
  /** The group protocol selected by the coordinator. */
  protocolName: string | null;
  /** The leader of the group. */
  leader: string;
  /** True if the leader must skip running the assignment. */
  skipAssignment?: boolean;
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  members: JoinGroupResponseMember[];
}

export function readJoinGroupResponse(r: Reader, version: number): JoinGroupResponse {
  const o: JoinGroupResponse = {
    throttleTimeMs: version <= 1 ? 0 : r.int32(),
    errorCode: r.int16(),
    generationId: r.int32(),
    protocolType: version <= 6 ? null : r.compactNullableString(),
    protocolName: version <= 5 ? r.string() : version <= 6 ? r.compactString() : r.compactNullableString(),
    leader: version <= 5 ? r.string() : r.compactString(),
    skipAssignment: version <= 8 ? false : r.bool(),
    memberId: version <= 5 ? r.string() : r.compactString(),
    members: version <= 5 ? readArray(r, false, (r) => readJoinGroupResponseMember(r, version)) : readArray(r, true, (r) => readJoinGroupResponseMember(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeJoinGroupResponse(w: Writer, o: JoinGroupResponse, version: number): void {
  if (version >= 2) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  w.int32(o.generationId);
  if (version >= 7) w.compactNullableString((o.protocolType === undefined ? null : o.protocolType));
  if (version <= 5) w.string(nonNull(o.protocolName, 'JoinGroupResponse.protocolName'));
  if (version >= 6 && version <= 6) w.compactString(nonNull(o.protocolName, 'JoinGroupResponse.protocolName'));
  if (version >= 7) w.compactNullableString(o.protocolName);
  if (version <= 5) w.string(o.leader);
  if (version >= 6) w.compactString(o.leader);
  if (version >= 9) w.bool((o.skipAssignment ?? false));
  if (version <= 5) w.string(o.memberId);
  if (version >= 6) w.compactString(o.memberId);
  if (version <= 5) writeArray(w, false, o.members, (w, e) => writeJoinGroupResponseMember(w, e, version));
  if (version >= 6) writeArray(w, true, o.members, (w, e) => writeJoinGroupResponseMember(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface JoinGroupResponseMember {
  /** The group member ID. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
  /** The group member metadata. */
  metadata: Buffer;
}

export function readJoinGroupResponseMember(r: Reader, version: number): JoinGroupResponseMember {
  const o: JoinGroupResponseMember = {
    memberId: version <= 5 ? r.string() : r.compactString(),
    groupInstanceId: version <= 4 ? null : version <= 5 ? r.nullableString() : r.compactNullableString(),
    metadata: version <= 5 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeJoinGroupResponseMember(w: Writer, o: JoinGroupResponseMember, version: number): void {
  if (version <= 5) w.string(o.memberId);
  if (version >= 6) w.compactString(o.memberId);
  if (version >= 5 && version <= 5) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 6) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version <= 5) w.bytes(o.metadata);
  if (version >= 6) w.compactBytes(o.metadata);
  if (version >= 6) w.uvarint(0);
}

export const joinGroupCodec: ApiCodec<JoinGroupRequest, JoinGroupResponse> = {
  apiKey: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 6,
  readRequest: readJoinGroupRequest,
  writeRequest: writeJoinGroupRequest,
  readResponse: readJoinGroupResponse,
  writeResponse: writeJoinGroupResponse,
};
