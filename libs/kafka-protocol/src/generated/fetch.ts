// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/FetchRequest.json, FetchResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readNullableArray, writeArray, writeNullableArray } from '../io/codec-helpers';

/** FetchRequest, versions 4-11, flexible from 12. */
export interface FetchRequest {
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId: number;
  /** The maximum time in milliseconds to wait for the response. */
  maxWaitMs: number;
  /** The minimum bytes to accumulate in the response. */
  minBytes: number;
  /** The maximum bytes to fetch.  See KIP-74 for cases where this limit may not be honored. */
  maxBytes: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records */
  isolationLevel: number;
  /** The fetch session ID. */
  sessionId?: number;
  /** The fetch session epoch, which is used for ordering requests in a session. */
  sessionEpoch?: number;
  /** The topics to fetch. */
  topics: FetchRequestFetchTopic[];
  /** In an incremental fetch request, the partitions to remove. */
  forgottenTopicsData?: FetchRequestForgottenTopic[];
  /** Rack ID of the consumer making this request */
  rackId?: string;
}

export function readFetchRequest(r: Reader, version: number): FetchRequest {
  const o: FetchRequest = {
    replicaId: r.int32(),
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: r.int32(),
    isolationLevel: r.int8(),
    sessionId: version <= 6 ? 0 : r.int32(),
    sessionEpoch: version <= 6 ? -1 : r.int32(),
    topics: readArray(r, false, (r) => readFetchRequestFetchTopic(r, version)),
    forgottenTopicsData: version <= 6 ? [] : readArray(r, false, (r) => readFetchRequestForgottenTopic(r, version)),
    rackId: version <= 10 ? "" : r.string(),
  };
  return o;
}

export function writeFetchRequest(w: Writer, o: FetchRequest, version: number): void {
  w.int32(o.replicaId);
  w.int32(o.maxWaitMs);
  w.int32(o.minBytes);
  w.int32(o.maxBytes);
  w.int8(o.isolationLevel);
  if (version >= 7) w.int32((o.sessionId ?? 0));
  if (version >= 7) w.int32((o.sessionEpoch ?? -1));
  writeArray(w, false, o.topics, (w, e) => writeFetchRequestFetchTopic(w, e, version));
  if (version >= 7) writeArray(w, false, (o.forgottenTopicsData ?? []), (w, e) => writeFetchRequestForgottenTopic(w, e, version));
  if (version >= 11) w.string((o.rackId ?? ""));
}

export interface FetchRequestFetchTopic {
  /** The name of the topic to fetch. */
  topic: string;
  /** The partitions to fetch. */
  partitions: FetchRequestFetchPartition[];
}

export function readFetchRequestFetchTopic(r: Reader, version: number): FetchRequestFetchTopic {
  const o: FetchRequestFetchTopic = {
    topic: r.string(),
    partitions: readArray(r, false, (r) => readFetchRequestFetchPartition(r, version)),
  };
  return o;
}

export function writeFetchRequestFetchTopic(w: Writer, o: FetchRequestFetchTopic, version: number): void {
  w.string(o.topic);
  writeArray(w, false, o.partitions, (w, e) => writeFetchRequestFetchPartition(w, e, version));
}

export interface FetchRequestFetchPartition {
  /** The partition index. */
  partition: number;
  /** The current leader epoch of the partition. */
  currentLeaderEpoch?: number;
  /** The message offset. */
  fetchOffset: bigint;
  /** The earliest available offset of the follower replica.  The field is only used when the request is sent by the follower. */
  logStartOffset?: bigint;
  /** The maximum bytes to fetch from this partition.  See KIP-74 for cases where this limit may not be honored. */
  partitionMaxBytes: number;
}

export function readFetchRequestFetchPartition(r: Reader, version: number): FetchRequestFetchPartition {
  const o: FetchRequestFetchPartition = {
    partition: r.int32(),
    currentLeaderEpoch: version <= 8 ? -1 : r.int32(),
    fetchOffset: r.int64(),
    logStartOffset: version <= 4 ? -1n : r.int64(),
    partitionMaxBytes: r.int32(),
  };
  return o;
}

export function writeFetchRequestFetchPartition(w: Writer, o: FetchRequestFetchPartition, version: number): void {
  w.int32(o.partition);
  if (version >= 9) w.int32((o.currentLeaderEpoch ?? -1));
  w.int64(o.fetchOffset);
  if (version >= 5) w.int64((o.logStartOffset ?? -1n));
  w.int32(o.partitionMaxBytes);
}

export interface FetchRequestForgottenTopic {
  /** The topic name. */
  topic: string;
  /** The partitions indexes to forget. */
  partitions: number[];
}

export function readFetchRequestForgottenTopic(r: Reader, version: number): FetchRequestForgottenTopic {
  const o: FetchRequestForgottenTopic = {
    topic: r.string(),
    partitions: readArray(r, false, (r) => r.int32()),
  };
  return o;
}

export function writeFetchRequestForgottenTopic(w: Writer, o: FetchRequestForgottenTopic, version: number): void {
  w.string(o.topic);
  writeArray(w, false, o.partitions, (w, e) => w.int32(e));
}

/** FetchResponse, versions 4-11, flexible from 12. */
export interface FetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode?: number;
  /** The fetch session ID, or 0 if this is not part of a fetch session. */
  sessionId?: number;
  /** The response topics. */
  responses: FetchResponseFetchableTopicResponse[];
}

export function readFetchResponse(r: Reader, version: number): FetchResponse {
  const o: FetchResponse = {
    throttleTimeMs: r.int32(),
    errorCode: version <= 6 ? 0 : r.int16(),
    sessionId: version <= 6 ? 0 : r.int32(),
    responses: readArray(r, false, (r) => readFetchResponseFetchableTopicResponse(r, version)),
  };
  return o;
}

export function writeFetchResponse(w: Writer, o: FetchResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  if (version >= 7) w.int16((o.errorCode ?? 0));
  if (version >= 7) w.int32((o.sessionId ?? 0));
  writeArray(w, false, o.responses, (w, e) => writeFetchResponseFetchableTopicResponse(w, e, version));
}

export interface FetchResponseFetchableTopicResponse {
  /** The topic name. */
  topic: string;
  /** The topic partitions. */
  partitions: FetchResponsePartitionData[];
}

export function readFetchResponseFetchableTopicResponse(r: Reader, version: number): FetchResponseFetchableTopicResponse {
  const o: FetchResponseFetchableTopicResponse = {
    topic: r.string(),
    partitions: readArray(r, false, (r) => readFetchResponsePartitionData(r, version)),
  };
  return o;
}

export function writeFetchResponseFetchableTopicResponse(w: Writer, o: FetchResponseFetchableTopicResponse, version: number): void {
  w.string(o.topic);
  writeArray(w, false, o.partitions, (w, e) => writeFetchResponsePartitionData(w, e, version));
}

export interface FetchResponsePartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no fetch error. */
  errorCode: number;
  /** The current high water mark. */
  highWatermark: bigint;
  /** The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED) */
  lastStableOffset: bigint;
  /** The current log start offset. */
  logStartOffset?: bigint;
  /** The aborted transactions. */
  abortedTransactions: FetchResponseAbortedTransaction[] | null;
  /** The preferred read replica for the consumer to use on its next fetch request */
  preferredReadReplica?: number;
  /** The record data. */
  records: Buffer | null;
}

export function readFetchResponsePartitionData(r: Reader, version: number): FetchResponsePartitionData {
  const o: FetchResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    highWatermark: r.int64(),
    lastStableOffset: r.int64(),
    logStartOffset: version <= 4 ? -1n : r.int64(),
    abortedTransactions: readNullableArray(r, false, (r) => readFetchResponseAbortedTransaction(r, version)),
    preferredReadReplica: version <= 10 ? -1 : r.int32(),
    records: r.nullableBytes(),
  };
  return o;
}

export function writeFetchResponsePartitionData(w: Writer, o: FetchResponsePartitionData, version: number): void {
  w.int32(o.partitionIndex);
  w.int16(o.errorCode);
  w.int64(o.highWatermark);
  w.int64(o.lastStableOffset);
  if (version >= 5) w.int64((o.logStartOffset ?? -1n));
  writeNullableArray(w, false, o.abortedTransactions, (w, e) => writeFetchResponseAbortedTransaction(w, e, version));
  if (version >= 11) w.int32((o.preferredReadReplica ?? -1));
  w.nullableBytes(o.records);
}

export interface FetchResponseAbortedTransaction {
  /** The producer id associated with the aborted transaction. */
  producerId: bigint;
  /** The first offset in the aborted transaction. */
  firstOffset: bigint;
}

export function readFetchResponseAbortedTransaction(r: Reader, version: number): FetchResponseAbortedTransaction {
  const o: FetchResponseAbortedTransaction = {
    producerId: r.int64(),
    firstOffset: r.int64(),
  };
  return o;
}

export function writeFetchResponseAbortedTransaction(w: Writer, o: FetchResponseAbortedTransaction, version: number): void {
  w.int64(o.producerId);
  w.int64(o.firstOffset);
}

export const fetchCodec: ApiCodec<FetchRequest, FetchResponse> = {
  apiKey: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 11,
  flexibleMinVersion: 12,
  readRequest: readFetchRequest,
  writeRequest: writeFetchRequest,
  readResponse: readFetchResponse,
  writeResponse: writeFetchResponse,
};
