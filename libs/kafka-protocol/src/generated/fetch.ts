// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/FetchRequest.json, FetchResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { ZERO_UUID, readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray, writeTaggedFields } from '../io/codec-helpers';

/** FetchRequest, versions 4-17, flexible from 12. */
export interface FetchRequest {
  /** The clusterId if known. This is used to validate metadata fetches prior to broker registration. */
  clusterId?: string | null;
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId?: number;
  replicaState?: FetchRequestReplicaState;
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
    clusterId: null,
    replicaId: version <= 14 ? r.int32() : -1,
    replicaState: undefined,
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: r.int32(),
    isolationLevel: r.int8(),
    sessionId: version <= 6 ? 0 : r.int32(),
    sessionEpoch: version <= 6 ? -1 : r.int32(),
    topics: version <= 11 ? readArray(r, false, (r) => readFetchRequestFetchTopic(r, version)) : readArray(r, true, (r) => readFetchRequestFetchTopic(r, version)),
    forgottenTopicsData: version <= 6 ? [] : version <= 11 ? readArray(r, false, (r) => readFetchRequestForgottenTopic(r, version)) : readArray(r, true, (r) => readFetchRequestForgottenTopic(r, version)),
    rackId: version <= 10 ? "" : version <= 11 ? r.string() : r.compactString(),
  };
  if (version >= 12) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        o.clusterId = t.compactNullableString();
        break;
      case 1:
        if (version >= 15) o.replicaState = readFetchRequestReplicaState(t, version);
        break;
    }
  });
  return o;
}

export function writeFetchRequest(w: Writer, o: FetchRequest, version: number): void {
  if (version <= 14) w.int32((o.replicaId ?? -1));
  w.int32(o.maxWaitMs);
  w.int32(o.minBytes);
  w.int32(o.maxBytes);
  w.int8(o.isolationLevel);
  if (version >= 7) w.int32((o.sessionId ?? 0));
  if (version >= 7) w.int32((o.sessionEpoch ?? -1));
  if (version <= 11) writeArray(w, false, o.topics, (w, e) => writeFetchRequestFetchTopic(w, e, version));
  if (version >= 12) writeArray(w, true, o.topics, (w, e) => writeFetchRequestFetchTopic(w, e, version));
  if (version >= 7 && version <= 11) writeArray(w, false, (o.forgottenTopicsData ?? []), (w, e) => writeFetchRequestForgottenTopic(w, e, version));
  if (version >= 12) writeArray(w, true, (o.forgottenTopicsData ?? []), (w, e) => writeFetchRequestForgottenTopic(w, e, version));
  if (version >= 11 && version <= 11) w.string((o.rackId ?? ""));
  if (version >= 12) w.compactString((o.rackId ?? ""));
  if (version >= 12) {
    const tagged: Array<readonly [number, Writer]> = [];
    {
      const v = o.clusterId;
      if (v !== undefined && !(v === null)) {
        const t = new Writer(64);
        t.compactNullableString(v);
        tagged.push([0, t]);
      }
    }
    if (version >= 15) {
      const v = o.replicaState;
      if (v !== undefined) {
        const t = new Writer(64);
        writeFetchRequestReplicaState(t, v, version);
        tagged.push([1, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface FetchRequestReplicaState {
  /** The replica ID of the follower, or -1 if this request is from a consumer. */
  replicaId: number;
  /** The epoch of this follower, or -1 if not available. */
  replicaEpoch: bigint;
}

export function readFetchRequestReplicaState(r: Reader, version: number): FetchRequestReplicaState {
  const o: FetchRequestReplicaState = {
    replicaId: r.int32(),
    replicaEpoch: r.int64(),
  };
  readTaggedFields(r);
  return o;
}

export function writeFetchRequestReplicaState(w: Writer, o: FetchRequestReplicaState, version: number): void {
  w.int32(o.replicaId);
  w.int64(o.replicaEpoch);
  w.uvarint(0);
}

export interface FetchRequestFetchTopic {
  /** The name of the topic to fetch. */
  topic?: string;
  /** The unique topic ID */
  topicId?: Buffer;
  /** The partitions to fetch. */
  partitions: FetchRequestFetchPartition[];
}

export function readFetchRequestFetchTopic(r: Reader, version: number): FetchRequestFetchTopic {
  const o: FetchRequestFetchTopic = {
    topic: version <= 11 ? r.string() : version <= 12 ? r.compactString() : "",
    topicId: version <= 12 ? ZERO_UUID : r.uuid(),
    partitions: version <= 11 ? readArray(r, false, (r) => readFetchRequestFetchPartition(r, version)) : readArray(r, true, (r) => readFetchRequestFetchPartition(r, version)),
  };
  if (version >= 12) readTaggedFields(r);
  return o;
}

export function writeFetchRequestFetchTopic(w: Writer, o: FetchRequestFetchTopic, version: number): void {
  if (version <= 11) w.string((o.topic ?? ""));
  if (version >= 12 && version <= 12) w.compactString((o.topic ?? ""));
  if (version >= 13) w.uuid((o.topicId ?? ZERO_UUID));
  if (version <= 11) writeArray(w, false, o.partitions, (w, e) => writeFetchRequestFetchPartition(w, e, version));
  if (version >= 12) writeArray(w, true, o.partitions, (w, e) => writeFetchRequestFetchPartition(w, e, version));
  if (version >= 12) w.uvarint(0);
}

export interface FetchRequestFetchPartition {
  /** The partition index. */
  partition: number;
  /** The current leader epoch of the partition. */
  currentLeaderEpoch?: number;
  /** The message offset. */
  fetchOffset: bigint;
  /** The epoch of the last fetched record or -1 if there is none */
  lastFetchedEpoch?: number;
  /** The earliest available offset of the follower replica.  The field is only used when the request is sent by the follower. */
  logStartOffset?: bigint;
  /** The maximum bytes to fetch from this partition.  See KIP-74 for cases where this limit may not be honored. */
  partitionMaxBytes: number;
  /** The directory id of the follower fetching */
  replicaDirectoryId?: Buffer;
}

export function readFetchRequestFetchPartition(r: Reader, version: number): FetchRequestFetchPartition {
  const o: FetchRequestFetchPartition = {
    partition: r.int32(),
    currentLeaderEpoch: version <= 8 ? -1 : r.int32(),
    fetchOffset: r.int64(),
    lastFetchedEpoch: version <= 11 ? -1 : r.int32(),
    logStartOffset: version <= 4 ? -1n : r.int64(),
    partitionMaxBytes: r.int32(),
    replicaDirectoryId: ZERO_UUID,
  };
  if (version >= 12) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        if (version >= 17) o.replicaDirectoryId = t.uuid();
        break;
    }
  });
  return o;
}

export function writeFetchRequestFetchPartition(w: Writer, o: FetchRequestFetchPartition, version: number): void {
  w.int32(o.partition);
  if (version >= 9) w.int32((o.currentLeaderEpoch ?? -1));
  w.int64(o.fetchOffset);
  if (version >= 12) w.int32((o.lastFetchedEpoch ?? -1));
  if (version >= 5) w.int64((o.logStartOffset ?? -1n));
  w.int32(o.partitionMaxBytes);
  if (version >= 12) {
    const tagged: Array<readonly [number, Writer]> = [];
    if (version >= 17) {
      const v = o.replicaDirectoryId;
      if (v !== undefined && !(v.equals(ZERO_UUID))) {
        const t = new Writer(64);
        t.uuid(v);
        tagged.push([0, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface FetchRequestForgottenTopic {
  /** The topic name. */
  topic?: string;
  /** The unique topic ID */
  topicId?: Buffer;
  /** The partitions indexes to forget. */
  partitions: number[];
}

export function readFetchRequestForgottenTopic(r: Reader, version: number): FetchRequestForgottenTopic {
  const o: FetchRequestForgottenTopic = {
    topic: version <= 11 ? r.string() : version <= 12 ? r.compactString() : "",
    topicId: version <= 12 ? ZERO_UUID : r.uuid(),
    partitions: version <= 11 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
  };
  if (version >= 12) readTaggedFields(r);
  return o;
}

export function writeFetchRequestForgottenTopic(w: Writer, o: FetchRequestForgottenTopic, version: number): void {
  if (version <= 11) w.string((o.topic ?? ""));
  if (version >= 12 && version <= 12) w.compactString((o.topic ?? ""));
  if (version >= 13) w.uuid((o.topicId ?? ZERO_UUID));
  if (version <= 11) writeArray(w, false, o.partitions, (w, e) => w.int32(e));
  if (version >= 12) writeArray(w, true, o.partitions, (w, e) => w.int32(e));
  if (version >= 12) w.uvarint(0);
}

/** FetchResponse, versions 4-17, flexible from 12. */
export interface FetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode?: number;
  /** The fetch session ID, or 0 if this is not part of a fetch session. */
  sessionId?: number;
  /** The response topics. */
  responses: FetchResponseFetchableTopicResponse[];
  /** Endpoints for all current-leaders enumerated in PartitionData, with errors NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH. */
  nodeEndpoints?: FetchResponseNodeEndpoint[];
}

export function readFetchResponse(r: Reader, version: number): FetchResponse {
  const o: FetchResponse = {
    throttleTimeMs: r.int32(),
    errorCode: version <= 6 ? 0 : r.int16(),
    sessionId: version <= 6 ? 0 : r.int32(),
    responses: version <= 11 ? readArray(r, false, (r) => readFetchResponseFetchableTopicResponse(r, version)) : readArray(r, true, (r) => readFetchResponseFetchableTopicResponse(r, version)),
    nodeEndpoints: [],
  };
  if (version >= 12) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        if (version >= 16) o.nodeEndpoints = readArray(t, true, (r) => readFetchResponseNodeEndpoint(r, version));
        break;
    }
  });
  return o;
}

export function writeFetchResponse(w: Writer, o: FetchResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  if (version >= 7) w.int16((o.errorCode ?? 0));
  if (version >= 7) w.int32((o.sessionId ?? 0));
  if (version <= 11) writeArray(w, false, o.responses, (w, e) => writeFetchResponseFetchableTopicResponse(w, e, version));
  if (version >= 12) writeArray(w, true, o.responses, (w, e) => writeFetchResponseFetchableTopicResponse(w, e, version));
  if (version >= 12) {
    const tagged: Array<readonly [number, Writer]> = [];
    if (version >= 16) {
      const v = o.nodeEndpoints;
      if (v !== undefined && !(v.length === 0)) {
        const t = new Writer(64);
        writeArray(t, true, v, (w, e) => writeFetchResponseNodeEndpoint(w, e, version));
        tagged.push([0, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface FetchResponseFetchableTopicResponse {
  /** The topic name. */
  topic?: string;
  /** The unique topic ID */
  topicId?: Buffer;
  /** The topic partitions. */
  partitions: FetchResponsePartitionData[];
}

export function readFetchResponseFetchableTopicResponse(r: Reader, version: number): FetchResponseFetchableTopicResponse {
  const o: FetchResponseFetchableTopicResponse = {
    topic: version <= 11 ? r.string() : version <= 12 ? r.compactString() : "",
    topicId: version <= 12 ? ZERO_UUID : r.uuid(),
    partitions: version <= 11 ? readArray(r, false, (r) => readFetchResponsePartitionData(r, version)) : readArray(r, true, (r) => readFetchResponsePartitionData(r, version)),
  };
  if (version >= 12) readTaggedFields(r);
  return o;
}

export function writeFetchResponseFetchableTopicResponse(w: Writer, o: FetchResponseFetchableTopicResponse, version: number): void {
  if (version <= 11) w.string((o.topic ?? ""));
  if (version >= 12 && version <= 12) w.compactString((o.topic ?? ""));
  if (version >= 13) w.uuid((o.topicId ?? ZERO_UUID));
  if (version <= 11) writeArray(w, false, o.partitions, (w, e) => writeFetchResponsePartitionData(w, e, version));
  if (version >= 12) writeArray(w, true, o.partitions, (w, e) => writeFetchResponsePartitionData(w, e, version));
  if (version >= 12) w.uvarint(0);
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
  /** In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the request, this field indicates the largest epoch and its end offset such that subsequent records are known to diverge */
  divergingEpoch?: FetchResponseEpochEndOffset;
  currentLeader?: FetchResponseLeaderIdAndEpoch;
  /** In the case of fetching an offset less than the LogStartOffset, this is the end offset and epoch that should be used in the FetchSnapshot request. */
  snapshotId?: FetchResponseSnapshotId;
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
    divergingEpoch: undefined,
    currentLeader: undefined,
    snapshotId: undefined,
    abortedTransactions: version <= 11 ? readNullableArray(r, false, (r) => readFetchResponseAbortedTransaction(r, version)) : readNullableArray(r, true, (r) => readFetchResponseAbortedTransaction(r, version)),
    preferredReadReplica: version <= 10 ? -1 : r.int32(),
    records: version <= 11 ? r.nullableBytes() : r.compactNullableBytes(),
  };
  if (version >= 12) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        o.divergingEpoch = readFetchResponseEpochEndOffset(t, version);
        break;
      case 1:
        o.currentLeader = readFetchResponseLeaderIdAndEpoch(t, version);
        break;
      case 2:
        o.snapshotId = readFetchResponseSnapshotId(t, version);
        break;
    }
  });
  return o;
}

export function writeFetchResponsePartitionData(w: Writer, o: FetchResponsePartitionData, version: number): void {
  w.int32(o.partitionIndex);
  w.int16(o.errorCode);
  w.int64(o.highWatermark);
  w.int64(o.lastStableOffset);
  if (version >= 5) w.int64((o.logStartOffset ?? -1n));
  if (version <= 11) writeNullableArray(w, false, o.abortedTransactions, (w, e) => writeFetchResponseAbortedTransaction(w, e, version));
  if (version >= 12) writeNullableArray(w, true, o.abortedTransactions, (w, e) => writeFetchResponseAbortedTransaction(w, e, version));
  if (version >= 11) w.int32((o.preferredReadReplica ?? -1));
  if (version <= 11) w.nullableBytes(o.records);
  if (version >= 12) w.compactNullableBytes(o.records);
  if (version >= 12) {
    const tagged: Array<readonly [number, Writer]> = [];
    {
      const v = o.divergingEpoch;
      if (v !== undefined) {
        const t = new Writer(64);
        writeFetchResponseEpochEndOffset(t, v, version);
        tagged.push([0, t]);
      }
    }
    {
      const v = o.currentLeader;
      if (v !== undefined) {
        const t = new Writer(64);
        writeFetchResponseLeaderIdAndEpoch(t, v, version);
        tagged.push([1, t]);
      }
    }
    {
      const v = o.snapshotId;
      if (v !== undefined) {
        const t = new Writer(64);
        writeFetchResponseSnapshotId(t, v, version);
        tagged.push([2, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface FetchResponseEpochEndOffset {
  epoch: number;
  endOffset: bigint;
}

export function readFetchResponseEpochEndOffset(r: Reader, version: number): FetchResponseEpochEndOffset {
  const o: FetchResponseEpochEndOffset = {
    epoch: r.int32(),
    endOffset: r.int64(),
  };
  readTaggedFields(r);
  return o;
}

export function writeFetchResponseEpochEndOffset(w: Writer, o: FetchResponseEpochEndOffset, version: number): void {
  w.int32(o.epoch);
  w.int64(o.endOffset);
  w.uvarint(0);
}

export interface FetchResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
}

export function readFetchResponseLeaderIdAndEpoch(r: Reader, version: number): FetchResponseLeaderIdAndEpoch {
  const o: FetchResponseLeaderIdAndEpoch = {
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  };
  readTaggedFields(r);
  return o;
}

export function writeFetchResponseLeaderIdAndEpoch(w: Writer, o: FetchResponseLeaderIdAndEpoch, version: number): void {
  w.int32(o.leaderId);
  w.int32(o.leaderEpoch);
  w.uvarint(0);
}

export interface FetchResponseSnapshotId {
  endOffset: bigint;
  epoch: number;
}

export function readFetchResponseSnapshotId(r: Reader, version: number): FetchResponseSnapshotId {
  const o: FetchResponseSnapshotId = {
    endOffset: r.int64(),
    epoch: r.int32(),
  };
  readTaggedFields(r);
  return o;
}

export function writeFetchResponseSnapshotId(w: Writer, o: FetchResponseSnapshotId, version: number): void {
  w.int64(o.endOffset);
  w.int32(o.epoch);
  w.uvarint(0);
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
  if (version >= 12) readTaggedFields(r);
  return o;
}

export function writeFetchResponseAbortedTransaction(w: Writer, o: FetchResponseAbortedTransaction, version: number): void {
  w.int64(o.producerId);
  w.int64(o.firstOffset);
  if (version >= 12) w.uvarint(0);
}

export interface FetchResponseNodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number;
  /** The node's hostname. */
  host: string;
  /** The node's port. */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export function readFetchResponseNodeEndpoint(r: Reader, version: number): FetchResponseNodeEndpoint {
  const o: FetchResponseNodeEndpoint = {
    nodeId: r.int32(),
    host: r.compactString(),
    port: r.int32(),
    rack: r.compactNullableString(),
  };
  readTaggedFields(r);
  return o;
}

export function writeFetchResponseNodeEndpoint(w: Writer, o: FetchResponseNodeEndpoint, version: number): void {
  w.int32(o.nodeId);
  w.compactString(o.host);
  w.int32(o.port);
  w.compactNullableString(o.rack);
  w.uvarint(0);
}

export const fetchCodec: ApiCodec<FetchRequest, FetchResponse> = {
  apiKey: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 17,
  flexibleMinVersion: 12,
  readRequest: readFetchRequest,
  writeRequest: writeFetchRequest,
  readResponse: readFetchResponse,
  writeResponse: writeFetchResponse,
};
