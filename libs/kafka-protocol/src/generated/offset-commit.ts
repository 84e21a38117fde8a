// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/OffsetCommitRequest.json, OffsetCommitResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** OffsetCommitRequest, versions 0-9, flexible from 8. */
export interface OffsetCommitRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The generation of the group if using the classic group protocol or the member epoch if using the consumer protocol. */
  generationIdOrMemberEpoch?: number;
  /** The member ID assigned by the group coordinator. */
  memberId?: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId?: string | null;
  /** The time period in ms to retain the offset. */
  retentionTimeMs?: bigint;
  /** The topics to commit offsets for. */
  topics: OffsetCommitRequestTopic[];
}

export function readOffsetCommitRequest(r: Reader, version: number): OffsetCommitRequest {
  const o: OffsetCommitRequest = {
    groupId: version <= 7 ? r.string() : r.compactString(),
    generationIdOrMemberEpoch: version <= 0 ? -1 : r.int32(),
    memberId: version <= 0 ? "" : version <= 7 ? r.string() : r.compactString(),
    groupInstanceId: version <= 6 ? null : version <= 7 ? r.nullableString() : r.compactNullableString(),
    retentionTimeMs: version <= 1 ? -1n : version <= 4 ? r.int64() : -1n,
    topics: version <= 7 ? readArray(r, false, (r) => readOffsetCommitRequestTopic(r, version)) : readArray(r, true, (r) => readOffsetCommitRequestTopic(r, version)),
  };
  if (version >= 8) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitRequest(w: Writer, o: OffsetCommitRequest, version: number): void {
  if (version <= 7) w.string(o.groupId);
  if (version >= 8) w.compactString(o.groupId);
  if (version >= 1) w.int32((o.generationIdOrMemberEpoch ?? -1));
  if (version >= 1 && version <= 7) w.string((o.memberId ?? ""));
  if (version >= 8) w.compactString((o.memberId ?? ""));
  if (version >= 7 && version <= 7) w.nullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 8) w.compactNullableString((o.groupInstanceId === undefined ? null : o.groupInstanceId));
  if (version >= 2 && version <= 4) w.int64((o.retentionTimeMs ?? -1n));
  if (version <= 7) writeArray(w, false, o.topics, (w, e) => writeOffsetCommitRequestTopic(w, e, version));
  if (version >= 8) writeArray(w, true, o.topics, (w, e) => writeOffsetCommitRequestTopic(w, e, version));
  if (version >= 8) w.uvarint(0);
}

export interface OffsetCommitRequestTopic {
  /** The topic name. */
  name: string;
  /** Each partition to commit offsets for. */
  partitions: OffsetCommitRequestPartition[];
}

export function readOffsetCommitRequestTopic(r: Reader, version: number): OffsetCommitRequestTopic {
  const o: OffsetCommitRequestTopic = {
    name: version <= 7 ? r.string() : r.compactString(),
    partitions: version <= 7 ? readArray(r, false, (r) => readOffsetCommitRequestPartition(r, version)) : readArray(r, true, (r) => readOffsetCommitRequestPartition(r, version)),
  };
  if (version >= 8) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitRequestTopic(w: Writer, o: OffsetCommitRequestTopic, version: number): void {
  if (version <= 7) w.string(o.name);
  if (version >= 8) w.compactString(o.name);
  if (version <= 7) writeArray(w, false, o.partitions, (w, e) => writeOffsetCommitRequestPartition(w, e, version));
  if (version >= 8) writeArray(w, true, o.partitions, (w, e) => writeOffsetCommitRequestPartition(w, e, version));
  if (version >= 8) w.uvarint(0);
}

export interface OffsetCommitRequestPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The message offset to be committed. */
  committedOffset: bigint;
  /** The leader epoch of this partition. */
  committedLeaderEpoch?: number;
  /** The timestamp of the commit. */
  commitTimestamp?: bigint;
  /** Any associated metadata the client wants to keep. */
  committedMetadata: string | null;
}

export function readOffsetCommitRequestPartition(r: Reader, version: number): OffsetCommitRequestPartition {
  const o: OffsetCommitRequestPartition = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: version <= 5 ? -1 : r.int32(),
    commitTimestamp: version <= 0 ? -1n : version <= 1 ? r.int64() : -1n,
    committedMetadata: version <= 7 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 8) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitRequestPartition(w: Writer, o: OffsetCommitRequestPartition, version: number): void {
  w.int32(o.partitionIndex);
  w.int64(o.committedOffset);
  if (version >= 6) w.int32((o.committedLeaderEpoch ?? -1));
  if (version >= 1 && version <= 1) w.int64((o.commitTimestamp ?? -1n));
  if (version <= 7) w.nullableString(o.committedMetadata);
  if (version >= 8) w.compactNullableString(o.committedMetadata);
  if (version >= 8) w.uvarint(0);
}

/** OffsetCommitResponse, versions 0-9, flexible from 8. */
export interface OffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The responses for each topic. */
  topics: OffsetCommitResponseTopic[];
}

export function readOffsetCommitResponse(r: Reader, version: number): OffsetCommitResponse {
  const o: OffsetCommitResponse = {
    throttleTimeMs: version <= 2 ? 0 : r.int32(),
    topics: version <= 7 ? readArray(r, false, (r) => readOffsetCommitResponseTopic(r, version)) : readArray(r, true, (r) => readOffsetCommitResponseTopic(r, version)),
  };
  if (version >= 8) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitResponse(w: Writer, o: OffsetCommitResponse, version: number): void {
  if (version >= 3) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 7) writeArray(w, false, o.topics, (w, e) => writeOffsetCommitResponseTopic(w, e, version));
  if (version >= 8) writeArray(w, true, o.topics, (w, e) => writeOffsetCommitResponseTopic(w, e, version));
  if (version >= 8) w.uvarint(0);
}

export interface OffsetCommitResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses for each partition in the topic. */
  partitions: OffsetCommitResponsePartition[];
}

export function readOffsetCommitResponseTopic(r: Reader, version: number): OffsetCommitResponseTopic {
  const o: OffsetCommitResponseTopic = {
    name: version <= 7 ? r.string() : r.compactString(),
    partitions: version <= 7 ? readArray(r, false, (r) => readOffsetCommitResponsePartition(r, version)) : readArray(r, true, (r) => readOffsetCommitResponsePartition(r, version)),
  };
  if (version >= 8) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitResponseTopic(w: Writer, o: OffsetCommitResponseTopic, version: number): void {
  if (version <= 7) w.string(o.name);
  if (version >= 8) w.compactString(o.name);
  if (version <= 7) writeArray(w, false, o.partitions, (w, e) => writeOffsetCommitResponsePartition(w, e, version));
  if (version >= 8) writeArray(w, true, o.partitions, (w, e) => writeOffsetCommitResponsePartition(w, e, version));
  if (version >= 8) w.uvarint(0);
}

export interface OffsetCommitResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function readOffsetCommitResponsePartition(r: Reader, version: number): OffsetCommitResponsePartition {
  const o: OffsetCommitResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  if (version >= 8) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitResponsePartition(w: Writer, o: OffsetCommitResponsePartition, version: number): void {
  w.int32(o.partitionIndex);
  w.int16(o.errorCode);
  if (version >= 8) w.uvarint(0);
}

export const offsetCommitCodec: ApiCodec<OffsetCommitRequest, OffsetCommitResponse> = {
  apiKey: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 8,
  readRequest: readOffsetCommitRequest,
  writeRequest: writeOffsetCommitRequest,
  readResponse: readOffsetCommitResponse,
  writeResponse: writeOffsetCommitResponse,
};
