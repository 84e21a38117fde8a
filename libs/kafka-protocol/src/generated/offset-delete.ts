// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/OffsetDeleteRequest.json, OffsetDeleteResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** OffsetDeleteRequest, versions 0-0. */
export interface OffsetDeleteRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The topics to delete offsets for */
  topics: OffsetDeleteRequestTopic[];
}

export function readOffsetDeleteRequest(r: Reader, version: number): OffsetDeleteRequest {
  const o: OffsetDeleteRequest = {
    groupId: r.string(),
    topics: readArray(r, false, (r) => readOffsetDeleteRequestTopic(r, version)),
  };
  return o;
}

export function writeOffsetDeleteRequest(w: Writer, o: OffsetDeleteRequest, version: number): void {
  w.string(o.groupId);
  writeArray(w, false, o.topics, (w, e) => writeOffsetDeleteRequestTopic(w, e, version));
}

export interface OffsetDeleteRequestTopic {
  /** The topic name. */
  name: string;
  /** Each partition to delete offsets for. */
  partitions: OffsetDeleteRequestPartition[];
}

export function readOffsetDeleteRequestTopic(r: Reader, version: number): OffsetDeleteRequestTopic {
  const o: OffsetDeleteRequestTopic = {
    name: r.string(),
    partitions: readArray(r, false, (r) => readOffsetDeleteRequestPartition(r, version)),
  };
  return o;
}

export function writeOffsetDeleteRequestTopic(w: Writer, o: OffsetDeleteRequestTopic, version: number): void {
  w.string(o.name);
  writeArray(w, false, o.partitions, (w, e) => writeOffsetDeleteRequestPartition(w, e, version));
}

export interface OffsetDeleteRequestPartition {
  /** The partition index. */
  partitionIndex: number;
}

export function readOffsetDeleteRequestPartition(r: Reader, version: number): OffsetDeleteRequestPartition {
  const o: OffsetDeleteRequestPartition = {
    partitionIndex: r.int32(),
  };
  return o;
}

export function writeOffsetDeleteRequestPartition(w: Writer, o: OffsetDeleteRequestPartition, version: number): void {
  w.int32(o.partitionIndex);
}

/** OffsetDeleteResponse, versions 0-0. */
export interface OffsetDeleteResponse {
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each topic. */
  topics: OffsetDeleteResponseTopic[];
}

export function readOffsetDeleteResponse(r: Reader, version: number): OffsetDeleteResponse {
  const o: OffsetDeleteResponse = {
    errorCode: r.int16(),
    throttleTimeMs: r.int32(),
    topics: readArray(r, false, (r) => readOffsetDeleteResponseTopic(r, version)),
  };
  return o;
}

export function writeOffsetDeleteResponse(w: Writer, o: OffsetDeleteResponse, version: number): void {
  w.int16(o.errorCode);
  w.int32(o.throttleTimeMs);
  writeArray(w, false, o.topics, (w, e) => writeOffsetDeleteResponseTopic(w, e, version));
}

export interface OffsetDeleteResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses for each partition in the topic. */
  partitions: OffsetDeleteResponsePartition[];
}

export function readOffsetDeleteResponseTopic(r: Reader, version: number): OffsetDeleteResponseTopic {
  const o: OffsetDeleteResponseTopic = {
    name: r.string(),
    partitions: readArray(r, false, (r) => readOffsetDeleteResponsePartition(r, version)),
  };
  return o;
}

export function writeOffsetDeleteResponseTopic(w: Writer, o: OffsetDeleteResponseTopic, version: number): void {
  w.string(o.name);
  writeArray(w, false, o.partitions, (w, e) => writeOffsetDeleteResponsePartition(w, e, version));
}

export interface OffsetDeleteResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function readOffsetDeleteResponsePartition(r: Reader, version: number): OffsetDeleteResponsePartition {
  const o: OffsetDeleteResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  return o;
}

export function writeOffsetDeleteResponsePartition(w: Writer, o: OffsetDeleteResponsePartition, version: number): void {
  w.int32(o.partitionIndex);
  w.int16(o.errorCode);
}

export const offsetDeleteCodec: ApiCodec<OffsetDeleteRequest, OffsetDeleteResponse> = {
  apiKey: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: null,
  readRequest: readOffsetDeleteRequest,
  writeRequest: writeOffsetDeleteRequest,
  readResponse: readOffsetDeleteResponse,
  writeResponse: writeOffsetDeleteResponse,
};
