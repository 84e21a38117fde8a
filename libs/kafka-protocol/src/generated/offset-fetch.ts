// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/OffsetFetchRequest.json, OffsetFetchResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { nonNull } from '../io/non-null';
import { readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray } from '../io/codec-helpers';

/** OffsetFetchRequest, versions 0-7, flexible from 6. */
export interface OffsetFetchRequest {
  /** The group to fetch offsets for. */
  groupId: string;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics: OffsetFetchRequestTopic[] | null;
  /** Whether broker should hold on returning unstable offsets but set a retriable error code for the partitions. */
  requireStable?: boolean;
}

export function readOffsetFetchRequest(r: Reader, version: number): OffsetFetchRequest {
  const o: OffsetFetchRequest = {
    groupId: version <= 5 ? r.string() : r.compactString(),
    topics: version <= 1 ? readArray(r, false, (r) => readOffsetFetchRequestTopic(r, version)) : version <= 5 ? readNullableArray(r, false, (r) => readOffsetFetchRequestTopic(r, version)) : readNullableArray(r, true, (r) => readOffsetFetchRequestTopic(r, version)),
    requireStable: version <= 6 ? false : r.bool(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchRequest(w: Writer, o: OffsetFetchRequest, version: number): void {
  if (version <= 5) w.string(o.groupId);
  if (version >= 6) w.compactString(o.groupId);
  if (version <= 1) writeArray(w, false, nonNull(o.topics, 'OffsetFetchRequest.topics'), (w, e) => writeOffsetFetchRequestTopic(w, e, version));
  if (version >= 2 && version <= 5) writeNullableArray(w, false, o.topics, (w, e) => writeOffsetFetchRequestTopic(w, e, version));
  if (version >= 6) writeNullableArray(w, true, o.topics, (w, e) => writeOffsetFetchRequestTopic(w, e, version));
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

/** OffsetFetchResponse, versions 0-7, flexible from 6. */
export interface OffsetFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The responses per topic. */
  topics: OffsetFetchResponseTopic[];
  /** The top-level error code, or 0 if there was no error. */
  errorCode?: number;
}

export function readOffsetFetchResponse(r: Reader, version: number): OffsetFetchResponse {
  const o: OffsetFetchResponse = {
    throttleTimeMs: version <= 2 ? 0 : r.int32(),
    topics: version <= 5 ? readArray(r, false, (r) => readOffsetFetchResponseTopic(r, version)) : readArray(r, true, (r) => readOffsetFetchResponseTopic(r, version)),
    errorCode: version <= 1 ? 0 : r.int16(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeOffsetFetchResponse(w: Writer, o: OffsetFetchResponse, version: number): void {
  if (version >= 3) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 5) writeArray(w, false, o.topics, (w, e) => writeOffsetFetchResponseTopic(w, e, version));
  if (version >= 6) writeArray(w, true, o.topics, (w, e) => writeOffsetFetchResponseTopic(w, e, version));
  if (version >= 2) w.int16((o.errorCode ?? 0));
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

export const offsetFetchCodec: ApiCodec<OffsetFetchRequest, OffsetFetchResponse> = {
  apiKey: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 7,
  flexibleMinVersion: 6,
  readRequest: readOffsetFetchRequest,
  writeRequest: writeOffsetFetchRequest,
  readResponse: readOffsetFetchResponse,
  writeResponse: writeOffsetFetchResponse,
};
