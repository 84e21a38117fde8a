// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/JoinGroupRequest.json, JoinGroupResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readArray, writeArray } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** JoinGroupRequest, versions 0-5, flexible from 6. */
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
}

export function readJoinGroupRequest(r: Reader, version: number): JoinGroupRequest {
  const o: JoinGroupRequest = {
    groupId: r.string(),
    sessionTimeoutMs: r.int32(),
    rebalanceTimeoutMs: version <= 0 ? -1 : r.int32(),
    memberId: r.string(),
    groupInstanceId: version <= 4 ? null : r.nullableString(),
    protocolType: r.string(),
    protocols: readArray(r, false, (r) => readJoinGroupRequestProtocol(r, version)),
  };
  return o;
}

export function writeJoinGroupRequest(w: Writer, o: JoinGroupRequest, version: number): void {
  w.string(o.groupId);
  w.int32(o.sessionTimeoutMs);
  if (version >= 1) w.int32((o.rebalanceTimeoutMs ?? -1));
  w.string(o.memberId);
  if (version >= 5) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  w.string(o.protocolType);
  writeArray(w, false, o.protocols, (w, e) => writeJoinGroupRequestProtocol(w, e, version));
}

export interface JoinGroupRequestProtocol {
  /** The protocol name. */
  name: string;
  /** The protocol metadata. */
  metadata: Buffer;
}

export function readJoinGroupRequestProtocol(r: Reader, version: number): JoinGroupRequestProtocol {
  const o: JoinGroupRequestProtocol = {
    name: r.string(),
    metadata: r.bytes(),
  };
  return o;
}

export function writeJoinGroupRequestProtocol(w: Writer, o: JoinGroupRequestProtocol, version: number): void {
  w.string(o.name);
  w.bytes(o.metadata);
}

/** JoinGroupResponse, versions 0-5, flexible from 6. */
export interface JoinGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The generation ID of the group. */
  generationId: number;
  /** The group protocol selected by the coordinator. */
  protocolName: string;
  /** The leader of the group. */
  leader: string;
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  members: JoinGroupResponseMember[];
}

export function readJoinGroupResponse(r: Reader, version: number): JoinGroupResponse {
  const o: JoinGroupResponse = {
    throttleTimeMs: version <= 1 ? 0 : r.int32(),
    errorCode: r.int16(),
    generationId: r.int32(),
    protocolName: r.string(),
    leader: r.string(),
    memberId: r.string(),
    members: readArray(r, false, (r) => readJoinGroupResponseMember(r, version)),
  };
  return o;
}

export function writeJoinGroupResponse(w: Writer, o: JoinGroupResponse, version: number): void {
  if (version >= 2) w.int32((o.throttleTimeMs ?? 0));
  w.int16(o.errorCode);
  w.int32(o.generationId);
  w.string(o.protocolName);
  w.string(o.leader);
  w.string(o.memberId);
  writeArray(w, false, o.members, (w, e) => writeJoinGroupResponseMember(w, e, version));
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
    memberId: r.string(),
    groupInstanceId: version <= 4 ? null : r.nullableString(),
    metadata: r.bytes(),
  };
  return o;
}

export function writeJoinGroupResponseMember(w: Writer, o: JoinGroupResponseMember, version: number): void {
  w.string(o.memberId);
  if (version >= 5) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  w.bytes(o.metadata);
}

export const joinGroupCodec: ApiCodec<JoinGroupRequest, JoinGroupResponse> = {
  apiKey: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 6,
  readRequest: readJoinGroupRequest,
  writeRequest: writeJoinGroupRequest,
  readResponse: readJoinGroupResponse,
  writeResponse: writeJoinGroupResponse,
};
