// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ProduceRequest.json, ProduceResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray, writeTaggedFields } from '../io/codec-helpers';

/** ProduceRequest, versions 0-11, flexible from 9. */
export interface ProduceRequest {
  /** The transactional ID, or null if the producer is not transactional. */
  transactionalId?: string | null;
  /** The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR. */
  acks: number;
  /** The timeout to await a response in milliseconds. */
  timeoutMs: number;
  /** Each topic to produce to. */
  topicData: ProduceRequestTopicProduceData[];
}

export function readProduceRequest(r: Reader, version: number): ProduceRequest {
  const o: ProduceRequest = {
    transactionalId: version <= 2 ? null : version <= 8 ? r.nullableString() : r.compactNullableString(),
    acks: r.int16(),
    timeoutMs: r.int32(),
    topicData: version <= 8 ? readArray(r, false, (r) => readProduceRequestTopicProduceData(r, version)) : readArray(r, true, (r) => readProduceRequestTopicProduceData(r, version)),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeProduceRequest(w: Writer, o: ProduceRequest, version: number): void {
  if (version >= 3 && version <= 8) w.nullableString((o.transactionalId === undefined ? null : o.transactionalId));
  if (version >= 9) w.compactNullableString((o.transactionalId === undefined ? null : o.transactionalId));
  w.int16(o.acks);
  w.int32(o.timeoutMs);
  if (version <= 8) writeArray(w, false, o.topicData, (w, e) => writeProduceRequestTopicProduceData(w, e, version));
  if (version >= 9) writeArray(w, true, o.topicData, (w, e) => writeProduceRequestTopicProduceData(w, e, version));
  if (version >= 9) w.uvarint(0);
}

export interface ProduceRequestTopicProduceData {
  /** The topic name. */
  name: string;
  /** Each partition to produce to. */
  partitionData: ProduceRequestPartitionProduceData[];
}

export function readProduceRequestTopicProduceData(r: Reader, version: number): ProduceRequestTopicProduceData {
  const o: ProduceRequestTopicProduceData = {
    name: version <= 8 ? r.string() : r.compactString(),
    partitionData: version <= 8 ? readArray(r, false, (r) => readProduceRequestPartitionProduceData(r, version)) : readArray(r, true, (r) => readProduceRequestPartitionProduceData(r, version)),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeProduceRequestTopicProduceData(w: Writer, o: ProduceRequestTopicProduceData, version: number): void {
  if (version <= 8) w.string(o.name);
  if (version >= 9) w.compactString(o.name);
  if (version <= 8) writeArray(w, false, o.partitionData, (w, e) => writeProduceRequestPartitionProduceData(w, e, version));
  if (version >= 9) writeArray(w, true, o.partitionData, (w, e) => writeProduceRequestPartitionProduceData(w, e, version));
  if (version >= 9) w.uvarint(0);
}

export interface ProduceRequestPartitionProduceData {
  /** The partition index. */
  index: number;
  /** The record data to be produced. */
  records: Buffer | null;
}

export function readProduceRequestPartitionProduceData(r: Reader, version: number): ProduceRequestPartitionProduceData {
  const o: ProduceRequestPartitionProduceData = {
    index: r.int32(),
    records: version <= 8 ? r.nullableBytes() : r.compactNullableBytes(),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeProduceRequestPartitionProduceData(w: Writer, o: ProduceRequestPartitionProduceData, version: number): void {
  w.int32(o.index);
  if (version <= 8) w.nullableBytes(o.records);
  if (version >= 9) w.compactNullableBytes(o.records);
  if (version >= 9) w.uvarint(0);
}

/** ProduceResponse, versions 0-11, flexible from 9. */
export interface ProduceResponse {
  /** Each produce response */
  responses: ProduceResponseTopicProduceResponse[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Endpoints for all current-leaders enumerated in PartitionProduceResponses, with errors NOT_LEADER_OR_FOLLOWER. */
  nodeEndpoints?: ProduceResponseNodeEndpoint[];
}

export function readProduceResponse(r: Reader, version: number): ProduceResponse {
  const o: ProduceResponse = {
    responses: version <= 8 ? readArray(r, false, (r) => readProduceResponseTopicProduceResponse(r, version)) : readArray(r, true, (r) => readProduceResponseTopicProduceResponse(r, version)),
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    nodeEndpoints: [],
  };
  if (version >= 9) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        if (version >= 10) o.nodeEndpoints = readArray(t, true, (r) => readProduceResponseNodeEndpoint(r, version));
        break;
    }
  });
  return o;
}

export function writeProduceResponse(w: Writer, o: ProduceResponse, version: number): void {
  if (version <= 8) writeArray(w, false, o.responses, (w, e) => writeProduceResponseTopicProduceResponse(w, e, version));
  if (version >= 9) writeArray(w, true, o.responses, (w, e) => writeProduceResponseTopicProduceResponse(w, e, version));
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  if (version >= 9) {
    const tagged: Array<readonly [number, Writer]> = [];
    if (version >= 10) {
      const v = o.nodeEndpoints;
      if (v !== undefined && !(v.length === 0)) {
        const t = new Writer(64);
        writeArray(t, true, v, (w, e) => writeProduceResponseNodeEndpoint(w, e, version));
        tagged.push([0, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface ProduceResponseTopicProduceResponse {
  /** The topic name */
  name: string;
  /** Each partition that we produced to within the topic. */
  partitionResponses: ProduceResponsePartitionProduceResponse[];
}

export function readProduceResponseTopicProduceResponse(r: Reader, version: number): ProduceResponseTopicProduceResponse {
  const o: ProduceResponseTopicProduceResponse = {
    name: version <= 8 ? r.string() : r.compactString(),
    partitionResponses: version <= 8 ? readArray(r, false, (r) => readProduceResponsePartitionProduceResponse(r, version)) : readArray(r, true, (r) => readProduceResponsePartitionProduceResponse(r, version)),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeProduceResponseTopicProduceResponse(w: Writer, o: ProduceResponseTopicProduceResponse, version: number): void {
  if (version <= 8) w.string(o.name);
  if (version >= 9) w.compactString(o.name);
  if (version <= 8) writeArray(w, false, o.partitionResponses, (w, e) => writeProduceResponsePartitionProduceResponse(w, e, version));
  if (version >= 9) writeArray(w, true, o.partitionResponses, (w, e) => writeProduceResponsePartitionProduceResponse(w, e, version));
  if (version >= 9) w.uvarint(0);
}

export interface ProduceResponsePartitionProduceResponse {
  /** The partition index. */
  index: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The base offset. */
  baseOffset: bigint;
  /** The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1.  If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended. */
  logAppendTimeMs?: bigint;
  /** The log start offset. */
  logStartOffset?: bigint;
  /** The batch indices of records that caused the batch to be dropped */
  recordErrors?: ProduceResponseBatchIndexAndErrorMessage[];
  /** The global error message summarizing the common root cause of the records that caused the batch to be dropped */
  errorMessage?: string | null;
  currentLeader?: ProduceResponseLeaderIdAndEpoch;
}

export function readProduceResponsePartitionProduceResponse(r: Reader, version: number): ProduceResponsePartitionProduceResponse {
  const o: ProduceResponsePartitionProduceResponse = {
    index: r.int32(),
    errorCode: r.int16(),
    baseOffset: r.int64(),
    logAppendTimeMs: version <= 1 ? -1n : r.int64(),
    logStartOffset: version <= 4 ? -1n : r.int64(),
    recordErrors: version <= 7 ? [] : version <= 8 ? readArray(r, false, (r) => readProduceResponseBatchIndexAndErrorMessage(r, version)) : readArray(r, true, (r) => readProduceResponseBatchIndexAndErrorMessage(r, version)),
    errorMessage: version <= 7 ? null : version <= 8 ? r.nullableString() : r.compactNullableString(),
    currentLeader: undefined,
  };
  if (version >= 9) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        if (version >= 10) o.currentLeader = readProduceResponseLeaderIdAndEpoch(t, version);
        break;
    }
  });
  return o;
}

export function writeProduceResponsePartitionProduceResponse(w: Writer, o: ProduceResponsePartitionProduceResponse, version: number): void {
  w.int32(o.index);
  w.int16(o.errorCode);
  w.int64(o.baseOffset);
  if (version >= 2) w.int64((o.logAppendTimeMs ?? -1n));
  if (version >= 5) w.int64((o.logStartOffset ?? -1n));
  if (version >= 8 && version <= 8) writeArray(w, false, (o.recordErrors ?? []), (w, e) => writeProduceResponseBatchIndexAndErrorMessage(w, e, version));
  if (version >= 9) writeArray(w, true, (o.recordErrors ?? []), (w, e) => writeProduceResponseBatchIndexAndErrorMessage(w, e, version));
  if (version >= 8 && version <= 8) w.nullableString((o.errorMessage === undefined ? null : o.errorMessage));
  if (version >= 9) w.compactNullableString((o.errorMessage === undefined ? null : o.errorMessage));
  if (version >= 9) {
    const tagged: Array<readonly [number, Writer]> = [];
    if (version >= 10) {
      const v = o.currentLeader;
      if (v !== undefined) {
        const t = new Writer(64);
        writeProduceResponseLeaderIdAndEpoch(t, v, version);
        tagged.push([0, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface ProduceResponseBatchIndexAndErrorMessage {
  /** The batch index of the record that cause the batch to be dropped */
  batchIndex: number;
  /** The error message of the record that caused the batch to be dropped */
  batchIndexErrorMessage: string | null;
}

export function readProduceResponseBatchIndexAndErrorMessage(r: Reader, version: number): ProduceResponseBatchIndexAndErrorMessage {
  const o: ProduceResponseBatchIndexAndErrorMessage = {
    batchIndex: r.int32(),
    batchIndexErrorMessage: version <= 8 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeProduceResponseBatchIndexAndErrorMessage(w: Writer, o: ProduceResponseBatchIndexAndErrorMessage, version: number): void {
  w.int32(o.batchIndex);
  if (version <= 8) w.nullableString(o.batchIndexErrorMessage);
  if (version >= 9) w.compactNullableString(o.batchIndexErrorMessage);
  if (version >= 9) w.uvarint(0);
}

export interface ProduceResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
}

export function readProduceResponseLeaderIdAndEpoch(r: Reader, version: number): ProduceResponseLeaderIdAndEpoch {
  const o: ProduceResponseLeaderIdAndEpoch = {
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  };
  readTaggedFields(r);
  return o;
}

export function writeProduceResponseLeaderIdAndEpoch(w: Writer, o: ProduceResponseLeaderIdAndEpoch, version: number): void {
  w.int32(o.leaderId);
  w.int32(o.leaderEpoch);
  w.uvarint(0);
}

export interface ProduceResponseNodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number;
  /** The node's hostname. */
  host: string;
  /** The node's port. */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export function readProduceResponseNodeEndpoint(r: Reader, version: number): ProduceResponseNodeEndpoint {
  const o: ProduceResponseNodeEndpoint = {
    nodeId: r.int32(),
    host: r.compactString(),
    port: r.int32(),
    rack: r.compactNullableString(),
  };
  readTaggedFields(r);
  return o;
}

export function writeProduceResponseNodeEndpoint(w: Writer, o: ProduceResponseNodeEndpoint, version: number): void {
  w.int32(o.nodeId);
  w.compactString(o.host);
  w.int32(o.port);
  w.compactNullableString(o.rack);
  w.uvarint(0);
}

export const produceCodec: ApiCodec<ProduceRequest, ProduceResponse> = {
  apiKey: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 11,
  flexibleMinVersion: 9,
  readRequest: readProduceRequest,
  writeRequest: writeProduceRequest,
  readResponse: readProduceResponse,
  writeResponse: writeProduceResponse,
};
