// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DeleteRecordsRequest.json, DeleteRecordsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** DeleteRecordsRequest, versions 0-2, flexible from 2. */
export interface DeleteRecordsRequest {
  /** Each topic that we want to delete records from. */
  topics: DeleteRecordsRequestDeleteRecordsTopic[];
  /** How long to wait for the deletion to complete, in milliseconds. */
  timeoutMs: number;
}

export function readDeleteRecordsRequest(r: Reader, version: number): DeleteRecordsRequest {
  const o: DeleteRecordsRequest = {
    topics: version <= 1 ? readArray(r, false, (r) => readDeleteRecordsRequestDeleteRecordsTopic(r, version)) : readArray(r, true, (r) => readDeleteRecordsRequestDeleteRecordsTopic(r, version)),
    timeoutMs: r.int32(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteRecordsRequest(w: Writer, o: DeleteRecordsRequest, version: number): void {
  if (version <= 1) writeArray(w, false, o.topics, (w, e) => writeDeleteRecordsRequestDeleteRecordsTopic(w, e, version));
  if (version >= 2) writeArray(w, true, o.topics, (w, e) => writeDeleteRecordsRequestDeleteRecordsTopic(w, e, version));
  w.int32(o.timeoutMs);
  if (version >= 2) w.uvarint(0);
}

export interface DeleteRecordsRequestDeleteRecordsTopic {
  /** The topic name. */
  name: string;
  /** Each partition that we want to delete records from. */
  partitions: DeleteRecordsRequestDeleteRecordsPartition[];
}

export function readDeleteRecordsRequestDeleteRecordsTopic(r: Reader, version: number): DeleteRecordsRequestDeleteRecordsTopic {
  const o: DeleteRecordsRequestDeleteRecordsTopic = {
    name: version <= 1 ? r.string() : r.compactString(),
    partitions: version <= 1 ? readArray(r, false, (r) => readDeleteRecordsRequestDeleteRecordsPartition(r, version)) : readArray(r, true, (r) => readDeleteRecordsRequestDeleteRecordsPartition(r, version)),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteRecordsRequestDeleteRecordsTopic(w: Writer, o: DeleteRecordsRequestDeleteRecordsTopic, version: number): void {
  if (version <= 1) w.string(o.name);
  if (version >= 2) w.compactString(o.name);
  if (version <= 1) writeArray(w, false, o.partitions, (w, e) => writeDeleteRecordsRequestDeleteRecordsPartition(w, e, version));
  if (version >= 2) writeArray(w, true, o.partitions, (w, e) => writeDeleteRecordsRequestDeleteRecordsPartition(w, e, version));
  if (version >= 2) w.uvarint(0);
}

export interface DeleteRecordsRequestDeleteRecordsPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The deletion offset. */
  offset: bigint;
}

export function readDeleteRecordsRequestDeleteRecordsPartition(r: Reader, version: number): DeleteRecordsRequestDeleteRecordsPartition {
  const o: DeleteRecordsRequestDeleteRecordsPartition = {
    partitionIndex: r.int32(),
    offset: r.int64(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteRecordsRequestDeleteRecordsPartition(w: Writer, o: DeleteRecordsRequestDeleteRecordsPartition, version: number): void {
  w.int32(o.partitionIndex);
  w.int64(o.offset);
  if (version >= 2) w.uvarint(0);
}

/** DeleteRecordsResponse, versions 0-2, flexible from 2. */
export interface DeleteRecordsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic that we wanted to delete records from. */
  topics: DeleteRecordsResponseDeleteRecordsTopicResult[];
}

export function readDeleteRecordsResponse(r: Reader, version: number): DeleteRecordsResponse {
  const o: DeleteRecordsResponse = {
    throttleTimeMs: r.int32(),
    topics: version <= 1 ? readArray(r, false, (r) => readDeleteRecordsResponseDeleteRecordsTopicResult(r, version)) : readArray(r, true, (r) => readDeleteRecordsResponseDeleteRecordsTopicResult(r, version)),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteRecordsResponse(w: Writer, o: DeleteRecordsResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  if (version <= 1) writeArray(w, false, o.topics, (w, e) => writeDeleteRecordsResponseDeleteRecordsTopicResult(w, e, version));
  if (version >= 2) writeArray(w, true, o.topics, (w, e) => writeDeleteRecordsResponseDeleteRecordsTopicResult(w, e, version));
  if (version >= 2) w.uvarint(0);
}

export interface DeleteRecordsResponseDeleteRecordsTopicResult {
  /** The topic name. */
  name: string;
  /** Each partition that we wanted to delete records from. */
  partitions: DeleteRecordsResponseDeleteRecordsPartitionResult[];
}

export function readDeleteRecordsResponseDeleteRecordsTopicResult(r: Reader, version: number): DeleteRecordsResponseDeleteRecordsTopicResult {
  const o: DeleteRecordsResponseDeleteRecordsTopicResult = {
    name: version <= 1 ? r.string() : r.compactString(),
    partitions: version <= 1 ? readArray(r, false, (r) => readDeleteRecordsResponseDeleteRecordsPartitionResult(r, version)) : readArray(r, true, (r) => readDeleteRecordsResponseDeleteRecordsPartitionResult(r, version)),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteRecordsResponseDeleteRecordsTopicResult(w: Writer, o: DeleteRecordsResponseDeleteRecordsTopicResult, version: number): void {
  if (version <= 1) w.string(o.name);
  if (version >= 2) w.compactString(o.name);
  if (version <= 1) writeArray(w, false, o.partitions, (w, e) => writeDeleteRecordsResponseDeleteRecordsPartitionResult(w, e, version));
  if (version >= 2) writeArray(w, true, o.partitions, (w, e) => writeDeleteRecordsResponseDeleteRecordsPartitionResult(w, e, version));
  if (version >= 2) w.uvarint(0);
}

export interface DeleteRecordsResponseDeleteRecordsPartitionResult {
  /** The partition index. */
  partitionIndex: number;
  /** The partition low water mark. */
  lowWatermark: bigint;
  /** The deletion error code, or 0 if the deletion succeeded. */
  errorCode: number;
}

export function readDeleteRecordsResponseDeleteRecordsPartitionResult(r: Reader, version: number): DeleteRecordsResponseDeleteRecordsPartitionResult {
  const o: DeleteRecordsResponseDeleteRecordsPartitionResult = {
    partitionIndex: r.int32(),
    lowWatermark: r.int64(),
    errorCode: r.int16(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeDeleteRecordsResponseDeleteRecordsPartitionResult(w: Writer, o: DeleteRecordsResponseDeleteRecordsPartitionResult, version: number): void {
  w.int32(o.partitionIndex);
  w.int64(o.lowWatermark);
  w.int16(o.errorCode);
  if (version >= 2) w.uvarint(0);
}

export const deleteRecordsCodec: ApiCodec<DeleteRecordsRequest, DeleteRecordsResponse> = {
  apiKey: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  readRequest: readDeleteRecordsRequest,
  writeRequest: writeDeleteRecordsRequest,
  readResponse: readDeleteRecordsResponse,
  writeResponse: writeDeleteRecordsResponse,
};
