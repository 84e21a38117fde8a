// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/OffsetFetchRequest.json, OffsetFetchResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { nonNull } from '../io/non-null';
import { readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray } from '../io/codec-helpers';

/** OffsetFetchRequest, versions 0-9, flexible from 6. */
export interface OffsetFetchRequest {
  /** The group to fetch offsets for. */
  groupId?: string;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics?: OffsetFetchRequestTopic[] | null;
  /** Each group we would like to fetch offsets for */
  groups?: OffsetFetchRequestGroup[];
  /** Whether broker should hold on returning unstable offsets but set a retriable error code for the partitions. */
  requireStable?: boolean;
}

export function readOffsetFetchRequest(r: Reader, version: number): OffsetFetchRequest {
  const o: OffsetFetchRequest = {
    groupId: version <= 5 ? r.string() : version <= 7 ? r.compactString() : "",
    topics: version <= 1 ? readArray(r, false, (r) => readOffsetFetchRequestTopic(r, version)) : version <= 5 ? readNullableArray(r, false, (r) => readOffsetFetchRequestTopic(r, version)) : version <= 7 ? readNullableArray(r, true, (r) => readOffsetFetchRequestTopic(r, version)) : [],
    groups: version <= 7 ? [] : readArray(r, true, (r) => readOffsetFetchRequestGroup(r, version)),
    requireStable: version <= 6 ? false : r.bool(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchRequest(w: Writer, o: OffsetFetchRequest, version: number): void {
  if (version <= 5) w.string((o.groupId ?? ""));
  if (version >= 6 && version <= 7) w.compactString((o.groupId ?? ""));
  if (version <= 1) writeArray(w, false, nonNull((o.topics === undefined ? [] : o.topics), 'OffsetFetchRequest.topics'), (w, e) => writeOffsetFetchRequestTopic(w, e, version));
  if (version >= 2 && version <= 5) writeNullableArray(w, false, (o.topics === undefined ? [] : o.topics), (w, e) => writeOffsetFetchRequestTopic(w, e, version));
  if (version >= 6 && version <= 7) writeNullableArray(w, true, (o.topics === undefined ? [] : o.topics), (w, e) => writeOffsetFetchRequestTopic(w, e, version));
  if (version >= 8) writeArray(w, true, (o.groups ?? []), (w, e) => writeOffsetFetchRequestGroup(w, e, version));
  if (version >= 7) w.bool((o.requireStable ?? false));
  if (version >= 6) w.uvarint(0);
}

export interface OffsetFetchRequestTopic {
  /** The topic name. */
  name: string;
  /** The partition indexes we would like to fetch offsets for. */
  partitionIndexes: number[];
}

export function readOffsetFetchRequestTopic(r: Reader, version: number): OffsetFetchRequestTopic {
  const o: OffsetFetchRequestTopic = {
    name: version <= 5 ? r.string() : r.compactString(),
    partitionIndexes: version <= 5 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchRequestTopic(w: Writer, o: OffsetFetchRequestTopic, version: number): void {
  if (version <= 5) w.string(o.name);
  if (version >= 6) w.compactString(o.name);
  if (version <= 5) writeArray(w, false, o.partitionIndexes, (w, e) => w.int32(e));
  if (version >= 6) writeArray(w, true, o.partitionIndexes, (w, e) => w.int32(e));
  if (version >= 6) w.uvarint(0);
}

export interface OffsetFetchRequestGroup {
  /** The group ID. */
  groupId: string;
  /** The member ID assigned by the group coordinator if using the new consumer protocol (KIP-848). */
  memberId?: string | null;
  /** The member epoch if using the new consumer protocol (KIP-848). */
  memberEpoch?: number;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics: OffsetFetchRequestTopics[] | null;
}

export function readOffsetFetchRequestGroup(r: Reader, version: number): OffsetFetchRequestGroup {
  const o: OffsetFetchRequestGroup = {
    groupId: r.compactString(),
    memberId: version <= 8 ? null : r.compactNullableString(),
    memberEpoch: version <= 8 ? -1 : r.int32(),
    topics: readNullableArray(r, true, (r) => readOffsetFetchRequestTopics(r, version)),
  };
  readTaggedFields(r);
  return o;
}

export function writeOffsetFetchRequestGroup(w: Writer, o: OffsetFetchRequestGroup, version: number): void {
  w.compactString(o.groupId);
  if (version >= 9) w.compactNullableString((o.memberId === undefined ? null : o.memberId));
  if (version >= 9) w.int32((o.memberEpoch ?? -1));
  writeNullableArray(w, true, o.topics, (w, e) => writeOffsetFetchRequestTopics(w, e, version));
  w.uvarint(0);
}

export interface OffsetFetchRequestTopics {
  /** The topic name. */
  name: string;
  /** The partition indexes we would like to fetch offsets for. */
  partitionIndexes: number[];
}

export function readOffsetFetchRequestTopics(r: Reader, version: number): OffsetFetchRequestTopics {
  const o: OffsetFetchRequestTopics = {
    name: r.compactString(),
    partitionIndexes: readArray(r, true, (r) => r.int32()),
  };
  readTaggedFields(r);
  return o;
}

export function writeOffsetFetchRequestTopics(w: Writer, o: OffsetFetchRequestTopics, version: number): void {
  w.compactString(o.name);
  writeArray(w, true, o.partitionIndexes, (w, e) => w.int32(e));
  w.uvarint(0);
}

/** OffsetFetchResponse, versions 0-9, flexible from 6. */
export interface OffsetFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The responses per topic. */
  topics?: OffsetFetchResponseTopic[];
  /** The top-level error code, or 0 if there was no error. */
  errorCode?: number;
  /** The responses per group id. */
  groups?: OffsetFetchResponseGroup[];
}

export function readOffsetFetchResponse(r: Reader, version: number): OffsetFetchResponse {
  const o: OffsetFetchResponse = {
    throttleTimeMs: version <= 2 ? 0 : r.int32(),
    topics: version <= 5 ? readArray(r, false, (r) => readOffsetFetchResponseTopic(r, version)) : version <= 7 ? readArray(r, true, (r) => readOffsetFetchResponseTopic(r, version)) : [],
    errorCode: version <= 1 ? 0 : version <= 7 ? r.int16() : 0,
    groups: version <= 7 ? [] : readArray(r, true, (r) => readOffsetFetchResponseGroup(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponse(w: Writer, o: OffsetFetchResponse, version: number): void {
  if (version >= 3) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 5) writeArray(w, false, (o.topics ?? []), (w, e) => writeOffsetFetchResponseTopic(w, e, version));
  if (version >= 6 && version <= 7) writeArray(w, true, (o.topics ?? []), (w, e) => writeOffsetFetchResponseTopic(w, e, version));
  if (version >= 2 && version <= 7) w.int16((o.errorCode ?? 0));
  if (version >= 8) writeArray(w, true, (o.groups ?? []), (w, e) => writeOffsetFetchResponseGroup(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface OffsetFetchResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses per partition */
  partitions: OffsetFetchResponsePartition[];
}

export function readOffsetFetchResponseTopic(r: Reader, version: number): OffsetFetchResponseTopic {
  const o: OffsetFetchResponseTopic = {
    name: version <= 5 ? r.string() : r.compactString(),
    partitions: version <= 5 ? readArray(r, false, (r) => readOffsetFetchResponsePartition(r, version)) : readArray(r, true, (r) => readOffsetFetchResponsePartition(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponseTopic(w: Writer, o: OffsetFetchResponseTopic, version: number): void {
  if (version <= 5) w.string(o.name);
  if (version >= 6) w.compactString(o.name);
  if (version <= 5) writeArray(w, false, o.partitions, (w, e) => writeOffsetFetchResponsePartition(w, e, version));
  if (version >= 6) writeArray(w, true, o.partitions, (w, e) => writeOffsetFetchResponsePartition(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface OffsetFetchResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The committed message offset. */
  committedOffset: bigint;
  /** The leader epoch. */
  committedLeaderEpoch?: number;
  /** The partition metadata. */
  metadata: string | null;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function readOffsetFetchResponsePartition(r: Reader, version: number): OffsetFetchResponsePartition {
  const o: OffsetFetchResponsePartition = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: version <= 4 ? -1 : r.int32(),
    metadata: version <= 5 ? r.nullableString() : r.compactNullableString(),
    errorCode: r.int16(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponsePartition(w: Writer, o: OffsetFetchResponsePartition, version: number): void {
  w.int32(o.partitionIndex);
  w.int64(o.committedOffset);
  if (version >= 5) w.int32((o.committedLeaderEpoch ?? -1));
  if (version <= 5) w.nullableString(o.metadata);
  if (version >= 6) w.compactNullableString(o.metadata);
  w.int16(o.errorCode);
  if (version >= 6) w.uvarint(0);
}

export interface OffsetFetchResponseGroup {
  /** The group ID. */
  groupId: string;
  /** The responses per topic. */
  topics: OffsetFetchResponseTopics[];
  /** The group-level error code, or 0 if there was no error. */
  errorCode: number;
}

export function readOffsetFetchResponseGroup(r: Reader, version: number): OffsetFetchResponseGroup {
  const o: OffsetFetchResponseGroup = {
    groupId: r.compactString(),
    topics: readArray(r, true, (r) => readOffsetFetchResponseTopics(r, version)),
    errorCode: r.int16(),
  };
  readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponseGroup(w: Writer, o: OffsetFetchResponseGroup, version: number): void {
  w.compactString(o.groupId);
  writeArray(w, true, o.topics, (w, e) => writeOffsetFetchResponseTopics(w, e, version));
  w.int16(o.errorCode);
  w.uvarint(0);
}

export interface OffsetFetchResponseTopics {
  /** The topic name. */
  name: string;
  /** The responses per partition */
  partitions: OffsetFetchResponsePartitions[];
}

export function readOffsetFetchResponseTopics(r: Reader, version: number): OffsetFetchResponseTopics {
  const o: OffsetFetchResponseTopics = {
    name: r.compactString(),
    partitions: readArray(r, true, (r) => readOffsetFetchResponsePartitions(r, version)),
  };
  readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponseTopics(w: Writer, o: OffsetFetchResponseTopics, version: number): void {
  w.compactString(o.name);
  writeArray(w, true, o.partitions, (w, e) => writeOffsetFetchResponsePartitions(w, e, version));
  w.uvarint(0);
}

export interface OffsetFetchResponsePartitions {
  /** The partition index. */
  partitionIndex: number;
  /** The committed message offset. */
  committedOffset: bigint;
  /** The leader epoch. */
  committedLeaderEpoch: number;
  /** The partition metadata. */
  metadata: string | null;
  /** The partition-level error code, or 0 if there was no error. */
  errorCode: number;
}

export function readOffsetFetchResponsePartitions(r: Reader, version: number): OffsetFetchResponsePartitions {
  const o: OffsetFetchResponsePartitions = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: r.int32(),
    metadata: r.compactNullableString(),
    errorCode: r.int16(),
  };
  readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponsePartitions(w: Writer, o: OffsetFetchResponsePartitions, version: number): void {
  w.int32(o.partitionIndex);
  w.int64(o.committedOffset);
  w.int32(o.committedLeaderEpoch);
  w.compactNullableString(o.metadata);
  w.int16(o.errorCode);
  w.uvarint(0);
}

export const offsetFetchCodec: ApiCodec<OffsetFetchRequest, OffsetFetchResponse> = {
  apiKey: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 6,
  readRequest: readOffsetFetchRequest,
  writeRequest: writeOffsetFetchRequest,
  readResponse: readOffsetFetchResponse,
  writeResponse: writeOffsetFetchResponse,
};
