// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/OffsetForLeaderEpochRequest.json, OffsetForLeaderEpochResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** OffsetForLeaderEpochRequest, versions 0-4, flexible from 4. */
export interface OffsetForLeaderEpochRequest {
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId?: number;
  /** Each topic to get offsets for. */
  topics: OffsetForLeaderEpochRequestOffsetForLeaderTopic[];
}

export function readOffsetForLeaderEpochRequest(r: Reader, version: number): OffsetForLeaderEpochRequest {
  const o: OffsetForLeaderEpochRequest = {
    replicaId: version <= 2 ? -2 : r.int32(),
    topics: version <= 3 ? readArray(r, false, (r) => readOffsetForLeaderEpochRequestOffsetForLeaderTopic(r, version)) : readArray(r, true, (r) => readOffsetForLeaderEpochRequestOffsetForLeaderTopic(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetForLeaderEpochRequest(w: Writer, o: OffsetForLeaderEpochRequest, version: number): void {
  if (version >= 3) w.int32((o.replicaId ?? -2));
  if (version <= 3) writeArray(w, false, o.topics, (w, e) => writeOffsetForLeaderEpochRequestOffsetForLeaderTopic(w, e, version));
  if (version >= 4) writeArray(w, true, o.topics, (w, e) => writeOffsetForLeaderEpochRequestOffsetForLeaderTopic(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  /** The topic name. */
  topic: string;
  /** Each partition to get offsets for. */
  partitions: OffsetForLeaderEpochRequestOffsetForLeaderPartition[];
}

export function readOffsetForLeaderEpochRequestOffsetForLeaderTopic(r: Reader, version: number): OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  const o: OffsetForLeaderEpochRequestOffsetForLeaderTopic = {
    topic: version <= 3 ? r.string() : r.compactString(),
    partitions: version <= 3 ? readArray(r, false, (r) => readOffsetForLeaderEpochRequestOffsetForLeaderPartition(r, version)) : readArray(r, true, (r) => readOffsetForLeaderEpochRequestOffsetForLeaderPartition(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetForLeaderEpochRequestOffsetForLeaderTopic(w: Writer, o: OffsetForLeaderEpochRequestOffsetForLeaderTopic, version: number): void {
  if (version <= 3) w.string(o.topic);
  if (version >= 4) w.compactString(o.topic);
  if (version <= 3) writeArray(w, false, o.partitions, (w, e) => writeOffsetForLeaderEpochRequestOffsetForLeaderPartition(w, e, version));
  if (version >= 4) writeArray(w, true, o.partitions, (w, e) => writeOffsetForLeaderEpochRequestOffsetForLeaderPartition(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  /** The partition index. */
  partition: number;
  /** An epoch used to fence consumers/replicas with old metadata. If the epoch provided by the client is larger than the current epoch known to the broker, then the UNKNOWN_LEADER_EPOCH error code will be returned. If the provided epoch is smaller, then the FENCED_LEADER_EPOCH error code will be returned. */
  currentLeaderEpoch?: number;
  /** The epoch to look up an offset for. */
  leaderEpoch: number;
}

export function readOffsetForLeaderEpochRequestOffsetForLeaderPartition(r: Reader, version: number): OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  const o: OffsetForLeaderEpochRequestOffsetForLeaderPartition = {
    partition: r.int32(),
    currentLeaderEpoch: version <= 1 ? -1 : r.int32(),
    leaderEpoch: r.int32(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetForLeaderEpochRequestOffsetForLeaderPartition(w: Writer, o: OffsetForLeaderEpochRequestOffsetForLeaderPartition, version: number): void {
  w.int32(o.partition);
  if (version >= 2) w.int32((o.currentLeaderEpoch ?? -1));
  w.int32(o.leaderEpoch);
  if (version >= 4) w.uvarint(0);
}

/** OffsetForLeaderEpochResponse, versions 0-4, flexible from 4. */
export interface OffsetForLeaderEpochResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Each topic we fetched offsets for. */
  topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[];
}

export function readOffsetForLeaderEpochResponse(r: Reader, version: number): OffsetForLeaderEpochResponse {
  const o: OffsetForLeaderEpochResponse = {
    throttleTimeMs: version <= 1 ? 0 : r.int32(),
    topics: version <= 3 ? readArray(r, false, (r) => readOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(r, version)) : readArray(r, true, (r) => readOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetForLeaderEpochResponse(w: Writer, o: OffsetForLeaderEpochResponse, version: number): void {
  if (version >= 2) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 3) writeArray(w, false, o.topics, (w, e) => writeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(w, e, version));
  if (version >= 4) writeArray(w, true, o.topics, (w, e) => writeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  /** The topic name. */
  topic: string;
  /** Each partition in the topic we fetched offsets for. */
  partitions: OffsetForLeaderEpochResponseEpochEndOffset[];
}

export function readOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(r: Reader, version: number): OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  const o: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult = {
    topic: version <= 3 ? r.string() : r.compactString(),
    partitions: version <= 3 ? readArray(r, false, (r) => readOffsetForLeaderEpochResponseEpochEndOffset(r, version)) : readArray(r, true, (r) => readOffsetForLeaderEpochResponseEpochEndOffset(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(w: Writer, o: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult, version: number): void {
  if (version <= 3) w.string(o.topic);
  if (version >= 4) w.compactString(o.topic);
  if (version <= 3) writeArray(w, false, o.partitions, (w, e) => writeOffsetForLeaderEpochResponseEpochEndOffset(w, e, version));
  if (version >= 4) writeArray(w, true, o.partitions, (w, e) => writeOffsetForLeaderEpochResponseEpochEndOffset(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface OffsetForLeaderEpochResponseEpochEndOffset {
  /** The error code 0, or if there was no error. */
  errorCode: number;
  /** The partition index. */
  partition: number;
  /** The leader epoch of the partition. */
  leaderEpoch?: number;
  /** The end offset of the epoch. */
  endOffset: bigint;
}

export function readOffsetForLeaderEpochResponseEpochEndOffset(r: Reader, version: number): OffsetForLeaderEpochResponseEpochEndOffset {
  const o: OffsetForLeaderEpochResponseEpochEndOffset = {
    errorCode: r.int16(),
    partition: r.int32(),
    leaderEpoch: version <= 0 ? -1 : r.int32(),
    endOffset: r.int64(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetForLeaderEpochResponseEpochEndOffset(w: Writer, o: OffsetForLeaderEpochResponseEpochEndOffset, version: number): void {
  w.int16(o.errorCode);
  w.int32(o.partition);
  if (version >= 1) w.int32((o.leaderEpoch ?? -1));
  w.int64(o.endOffset);
  if (version >= 4) w.uvarint(0);
}

export const offsetForLeaderEpochCodec: ApiCodec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> = {
  apiKey: 23,
  name: 'OffsetForLeaderEpoch',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 4,
  readRequest: readOffsetForLeaderEpochRequest,
  writeRequest: writeOffsetForLeaderEpochRequest,
  readResponse: readOffsetForLeaderEpochResponse,
  writeResponse: writeOffsetForLeaderEpochResponse,
};
