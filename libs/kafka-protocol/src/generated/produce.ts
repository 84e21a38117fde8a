// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ProduceRequest.json, ProduceResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** ProduceRequest, versions 0-7, flexible from 9. */
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
    transactionalId: version <= 2 ? null : r.nullableString(),
    acks: r.int16(),
    timeoutMs: r.int32(),
    topicData: readArray(r, false, (r) => readProduceRequestTopicProduceData(r, version)),
  };
  return o;
}

export function writeProduceRequest(w: Writer, o: ProduceRequest, version: number): void {
  if (version >= 3) w.nullableString((o.transactionalId === undefined ? null : o.transactionalId));
  w.int16(o.acks);
  w.int32(o.timeoutMs);
  writeArray(w, false, o.topicData, (w, e) => writeProduceRequestTopicProduceData(w, e, version));
}

export interface ProduceRequestTopicProduceData {
  /** The topic name. */
  name: string;
  /** Each partition to produce to. */
  partitionData: ProduceRequestPartitionProduceData[];
}

export function readProduceRequestTopicProduceData(r: Reader, version: number): ProduceRequestTopicProduceData {
  const o: ProduceRequestTopicProduceData = {
    name: r.string(),
    partitionData: readArray(r, false, (r) => readProduceRequestPartitionProduceData(r, version)),
  };
  return o;
}

export function writeProduceRequestTopicProduceData(w: Writer, o: ProduceRequestTopicProduceData, version: number): void {
  w.string(o.name);
  writeArray(w, false, o.partitionData, (w, e) => writeProduceRequestPartitionProduceData(w, e, version));
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
    records: r.nullableBytes(),
  };
  return o;
}

export function writeProduceRequestPartitionProduceData(w: Writer, o: ProduceRequestPartitionProduceData, version: number): void {
  w.int32(o.index);
  w.nullableBytes(o.records);
}

/** ProduceResponse, versions 0-7, flexible from 9. */
export interface ProduceResponse {
  /** Each produce response */
  responses: ProduceResponseTopicProduceResponse[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
}

export function readProduceResponse(r: Reader, version: number): ProduceResponse {
  const o: ProduceResponse = {
    responses: readArray(r, false, (r) => readProduceResponseTopicProduceResponse(r, version)),
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
  };
  return o;
}

export function writeProduceResponse(w: Writer, o: ProduceResponse, version: number): void {
  writeArray(w, false, o.responses, (w, e) => writeProduceResponseTopicProduceResponse(w, e, version));
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
}

export interface ProduceResponseTopicProduceResponse {
  /** The topic name */
  name: string;
  /** Each partition that we produced to within the topic. */
  partitionResponses: ProduceResponsePartitionProduceResponse[];
}

export function readProduceResponseTopicProduceResponse(r: Reader, version: number): ProduceResponseTopicProduceResponse {
  const o: ProduceResponseTopicProduceResponse = {
    name: r.string(),
    partitionResponses: readArray(r, false, (r) => readProduceResponsePartitionProduceResponse(r, version)),
  };
  return o;
}

export function writeProduceResponseTopicProduceResponse(w: Writer, o: ProduceResponseTopicProduceResponse, version: number): void {
  w.string(o.name);
  writeArray(w, false, o.partitionResponses, (w, e) => writeProduceResponsePartitionProduceResponse(w, e, version));
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
}

export function readProduceResponsePartitionProduceResponse(r: Reader, version: number): ProduceResponsePartitionProduceResponse {
  const o: ProduceResponsePartitionProduceResponse = {
    index: r.int32(),
    errorCode: r.int16(),
    baseOffset: r.int64(),
    logAppendTimeMs: version <= 1 ? -1n : r.int64(),
    logStartOffset: version <= 4 ? -1n : r.int64(),
  };
  return o;
}

export function writeProduceResponsePartitionProduceResponse(w: Writer, o: ProduceResponsePartitionProduceResponse, version: number): void {
  w.int32(o.index);
  w.int16(o.errorCode);
  w.int64(o.baseOffset);
  if (version >= 2) w.int64((o.logAppendTimeMs ?? -1n));
  if (version >= 5) w.int64((o.logStartOffset ?? -1n));
}

export const produceCodec: ApiCodec<ProduceRequest, ProduceResponse> = {
  apiKey: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 7,
  flexibleMinVersion: 9,
  readRequest: readProduceRequest,
  writeRequest: writeProduceRequest,
  readResponse: readProduceResponse,
  writeResponse: writeProduceResponse,
};
