// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ListOffsetsRequest.json, ListOffsetsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** ListOffsetsRequest, versions 0-9, flexible from 6. */
export interface ListOffsetsRequest {
  /** The broker ID of the requester, or -1 if this request is being made by a normal consumer. */
  replicaId: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records */
  isolationLevel?: number;
  /** Each topic in the request. */
  topics: ListOffsetsRequestListOffsetsTopic[];
}

export function readListOffsetsRequest(r: Reader, version: number): ListOffsetsRequest {
  const o: ListOffsetsRequest = {
    replicaId: r.int32(),
    isolationLevel: version <= 1 ? 0 : r.int8(),
    topics: version <= 5 ? readArray(r, false, (r) => readListOffsetsRequestListOffsetsTopic(r, version)) : readArray(r, true, (r) => readListOffsetsRequestListOffsetsTopic(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeListOffsetsRequest(w: Writer, o: ListOffsetsRequest, version: number): void {
  w.int32(o.replicaId);
  if (version >= 2) w.int8((o.isolationLevel ?? 0));
  if (version <= 5) writeArray(w, false, o.topics, (w, e) => writeListOffsetsRequestListOffsetsTopic(w, e, version));
  if (version >= 6) writeArray(w, true, o.topics, (w, e) => writeListOffsetsRequestListOffsetsTopic(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface ListOffsetsRequestListOffsetsTopic {
  /** The topic name. */
  name: string;
  /** Each partition in the request. */
  partitions: ListOffsetsRequestListOffsetsPartition[];
}

export function readListOffsetsRequestListOffsetsTopic(r: Reader, version: number): ListOffsetsRequestListOffsetsTopic {
  const o: ListOffsetsRequestListOffsetsTopic = {
    name: version <= 5 ? r.string() : r.compactString(),
    partitions: version <= 5 ? readArray(r, false, (r) => readListOffsetsRequestListOffsetsPartition(r, version)) : readArray(r, true, (r) => readListOffsetsRequestListOffsetsPartition(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeListOffsetsRequestListOffsetsTopic(w: Writer, o: ListOffsetsRequestListOffsetsTopic, version: number): void {
  if (version <= 5) w.string(o.name);
  if (version >= 6) w.compactString(o.name);
  if (version <= 5) writeArray(w, false, o.partitions, (w, e) => writeListOffsetsRequestListOffsetsPartition(w, e, version));
  if (version >= 6) writeArray(w, true, o.partitions, (w, e) => writeListOffsetsRequestListOffsetsPartition(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface ListOffsetsRequestListOffsetsPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The current leader epoch. */
  currentLeaderEpoch?: number;
  /** The current timestamp. */
  timestamp: bigint;
  /** The maximum number of offsets to report. */
  maxNumOffsets?: number;
}

export function readListOffsetsRequestListOffsetsPartition(r: Reader, version: number): ListOffsetsRequestListOffsetsPartition {
  const o: ListOffsetsRequestListOffsetsPartition = {
    partitionIndex: r.int32(),
    currentLeaderEpoch: version <= 3 ? -1 : r.int32(),
    timestamp: r.int64(),
    maxNumOffsets: version <= 0 ? r.int32() : 1,
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeListOffsetsRequestListOffsetsPartition(w: Writer, o: ListOffsetsRequestListOffsetsPartition, version: number): void {
  w.int32(o.partitionIndex);
  if (version >= 4) w.int32((o.currentLeaderEpoch ?? -1));
  w.int64(o.timestamp);
  if (version <= 0) w.int32((o.maxNumOffsets ?? 1));
  if (version >= 6) w.uvarint(0);
}

/** ListOffsetsResponse, versions 0-9, flexible from 6. */
export interface ListOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Each topic in the response. */
  topics: ListOffsetsResponseListOffsetsTopicResponse[];
}

export function readListOffsetsResponse(r: Reader, version: number): ListOffsetsResponse {
  const o: ListOffsetsResponse = {
    throttleTimeMs: version <= 1 ? 0 : r.int32(),
    topics: version <= 5 ? readArray(r, false, (r) => readListOffsetsResponseListOffsetsTopicResponse(r, version)) : readArray(r, true, (r) => readListOffsetsResponseListOffsetsTopicResponse(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeListOffsetsResponse(w: Writer, o: ListOffsetsResponse, version: number): void {
  if (version >= 2) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 5) writeArray(w, false, o.topics, (w, e) => writeListOffsetsResponseListOffsetsTopicResponse(w, e, version));
  if (version >= 6) writeArray(w, true, o.topics, (w, e) => writeListOffsetsResponseListOffsetsTopicResponse(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface ListOffsetsResponseListOffsetsTopicResponse {
  /** The topic name */
  name: string;
  /** Each partition in the response. */
  partitions: ListOffsetsResponseListOffsetsPartitionResponse[];
}

export function readListOffsetsResponseListOffsetsTopicResponse(r: Reader, version: number): ListOffsetsResponseListOffsetsTopicResponse {
  const o: ListOffsetsResponseListOffsetsTopicResponse = {
    name: version <= 5 ? r.string() : r.compactString(),
    partitions: version <= 5 ? readArray(r, false, (r) => readListOffsetsResponseListOffsetsPartitionResponse(r, version)) : readArray(r, true, (r) => readListOffsetsResponseListOffsetsPartitionResponse(r, version)),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeListOffsetsResponseListOffsetsTopicResponse(w: Writer, o: ListOffsetsResponseListOffsetsTopicResponse, version: number): void {
  if (version <= 5) w.string(o.name);
  if (version >= 6) w.compactString(o.name);
  if (version <= 5) writeArray(w, false, o.partitions, (w, e) => writeListOffsetsResponseListOffsetsPartitionResponse(w, e, version));
  if (version >= 6) writeArray(w, true, o.partitions, (w, e) => writeListOffsetsResponseListOffsetsPartitionResponse(w, e, version));
  if (version >= 6) w.uvarint(0);
}

export interface ListOffsetsResponseListOffsetsPartitionResponse {
  /** The partition index. */
  partitionIndex: number;
  /** The partition error code, or 0 if there was no error. */
  errorCode: number;
  /** The result offsets. */
  oldStyleOffsets?: bigint[];
  /** The timestamp associated with the returned offset. */
  timestamp?: bigint;
  /** The returned offset. */
  offset?: bigint;
  leaderEpoch?: number;
}

export function readListOffsetsResponseListOffsetsPartitionResponse(r: Reader, version: number): ListOffsetsResponseListOffsetsPartitionResponse {
  const o: ListOffsetsResponseListOffsetsPartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    oldStyleOffsets: version <= 0 ? readArray(r, false, (r) => r.int64()) : [],
    timestamp: version <= 0 ? -1n : r.int64(),
    offset: version <= 0 ? -1n : r.int64(),
    leaderEpoch: version <= 3 ? -1 : r.int32(),
  };
  if (version >= 6) readTaggedFields(r);
  return o;
}

export function writeListOffsetsResponseListOffsetsPartitionResponse(w: Writer, o: ListOffsetsResponseListOffsetsPartitionResponse, version: number): void {
  w.int32(o.partitionIndex);
  w.int16(o.errorCode);
  if (version <= 0) writeArray(w, false, (o.oldStyleOffsets ?? []), (w, e) => w.int64(e));
  if (version >= 1) w.int64((o.timestamp ?? -1n));
  if (version >= 1) w.int64((o.offset ?? -1n));
  if (version >= 4) w.int32((o.leaderEpoch ?? -1));
  if (version >= 6) w.uvarint(0);
}

export const listOffsetsCodec: ApiCodec<ListOffsetsRequest, ListOffsetsResponse> = {
  apiKey: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 6,
  readRequest: readListOffsetsRequest,
  writeRequest: writeListOffsetsRequest,
  readResponse: readListOffsetsResponse,
  writeResponse: writeListOffsetsResponse,
};
