// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/CreatePartitionsRequest.json, CreatePartitionsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray } from '../io/codec-helpers';

/** CreatePartitionsRequest, versions 0-3, flexible from 2. */
export interface CreatePartitionsRequest {
  /** Each topic that we want to create new partitions inside. */
  topics: CreatePartitionsRequestCreatePartitionsTopic[];
  /** The time in ms to wait for the partitions to be created. */
  timeoutMs: number;
  /** If true, then validate the request, but don't actually increase the number of partitions. */
  validateOnly: boolean;
}

export function readCreatePartitionsRequest(r: Reader, version: number): CreatePartitionsRequest {
  const o: CreatePartitionsRequest = {
    topics: version <= 1 ? readArray(r, false, (r) => readCreatePartitionsRequestCreatePartitionsTopic(r, version)) : readArray(r, true, (r) => readCreatePartitionsRequestCreatePartitionsTopic(r, version)),
    timeoutMs: r.int32(),
    validateOnly: r.bool(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeCreatePartitionsRequest(w: Writer, o: CreatePartitionsRequest, version: number): void {
  if (version <= 1) writeArray(w, false, o.topics, (w, e) => writeCreatePartitionsRequestCreatePartitionsTopic(w, e, version));
  if (version >= 2) writeArray(w, true, o.topics, (w, e) => writeCreatePartitionsRequestCreatePartitionsTopic(w, e, version));
  w.int32(o.timeoutMs);
  w.bool(o.validateOnly);
  if (version >= 2) w.uvarint(0);
}

export interface CreatePartitionsRequestCreatePartitionsTopic {
  /** The topic name. */
  name: string;
  /** The new partition count. */
  count: number;
  /** The new partition assignments. */
  assignments: CreatePartitionsRequestCreatePartitionsAssignment[] | null;
}

export function readCreatePartitionsRequestCreatePartitionsTopic(r: Reader, version: number): CreatePartitionsRequestCreatePartitionsTopic {
  const o: CreatePartitionsRequestCreatePartitionsTopic = {
    name: version <= 1 ? r.string() : r.compactString(),
    count: r.int32(),
    assignments: version <= 1 ? readNullableArray(r, false, (r) => readCreatePartitionsRequestCreatePartitionsAssignment(r, version)) : readNullableArray(r, true, (r) => readCreatePartitionsRequestCreatePartitionsAssignment(r, version)),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeCreatePartitionsRequestCreatePartitionsTopic(w: Writer, o: CreatePartitionsRequestCreatePartitionsTopic, version: number): void {
  if (version <= 1) w.string(o.name);
  if (version >= 2) w.compactString(o.name);
  w.int32(o.count);
  if (version <= 1) writeNullableArray(w, false, o.assignments, (w, e) => writeCreatePartitionsRequestCreatePartitionsAssignment(w, e, version));
  if (version >= 2) writeNullableArray(w, true, o.assignments, (w, e) => writeCreatePartitionsRequestCreatePartitionsAssignment(w, e, version));
  if (version >= 2) w.uvarint(0);
}

export interface CreatePartitionsRequestCreatePartitionsAssignment {
  /** The assigned broker IDs. */
  brokerIds: number[];
}

export function readCreatePartitionsRequestCreatePartitionsAssignment(r: Reader, version: number): CreatePartitionsRequestCreatePartitionsAssignment {
  const o: CreatePartitionsRequestCreatePartitionsAssignment = {
    brokerIds: version <= 1 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeCreatePartitionsRequestCreatePartitionsAssignment(w: Writer, o: CreatePartitionsRequestCreatePartitionsAssignment, version: number): void {
  if (version <= 1) writeArray(w, false, o.brokerIds, (w, e) => w.int32(e));
  if (version >= 2) writeArray(w, true, o.brokerIds, (w, e) => w.int32(e));
  if (version >= 2) w.uvarint(0);
}

/** CreatePartitionsResponse, versions 0-3, flexible from 2. */
export interface CreatePartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The partition creation results for each topic. */
  results: CreatePartitionsResponseCreatePartitionsTopicResult[];
}

export function readCreatePartitionsResponse(r: Reader, version: number): CreatePartitionsResponse {
  const o: CreatePartitionsResponse = {
    throttleTimeMs: r.int32(),
    results: version <= 1 ? readArray(r, false, (r) => readCreatePartitionsResponseCreatePartitionsTopicResult(r, version)) : readArray(r, true, (r) => readCreatePartitionsResponseCreatePartitionsTopicResult(r, version)),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeCreatePartitionsResponse(w: Writer, o: CreatePartitionsResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  if (version <= 1) writeArray(w, false, o.results, (w, e) => writeCreatePartitionsResponseCreatePartitionsTopicResult(w, e, version));
  if (version >= 2) writeArray(w, true, o.results, (w, e) => writeCreatePartitionsResponseCreatePartitionsTopicResult(w, e, version));
  if (version >= 2) w.uvarint(0);
}

export interface CreatePartitionsResponseCreatePartitionsTopicResult {
  /** The topic name. */
  name: string;
  /** The result error, or zero if there was no error. */
  errorCode: number;
  /** The result message, or null if there was no error. */
  errorMessage: string | null;
}

export function readCreatePartitionsResponseCreatePartitionsTopicResult(r: Reader, version: number): CreatePartitionsResponseCreatePartitionsTopicResult {
  const o: CreatePartitionsResponseCreatePartitionsTopicResult = {
    name: version <= 1 ? r.string() : r.compactString(),
    errorCode: r.int16(),
    errorMessage: version <= 1 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeCreatePartitionsResponseCreatePartitionsTopicResult(w: Writer, o: CreatePartitionsResponseCreatePartitionsTopicResult, version: number): void {
  if (version <= 1) w.string(o.name);
  if (version >= 2) w.compactString(o.name);
  w.int16(o.errorCode);
  if (version <= 1) w.nullableString(o.errorMessage);
  if (version >= 2) w.compactNullableString(o.errorMessage);
  if (version >= 2) w.uvarint(0);
}

export const createPartitionsCodec: ApiCodec<CreatePartitionsRequest, CreatePartitionsResponse> = {
  apiKey: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  readRequest: readCreatePartitionsRequest,
  writeRequest: writeCreatePartitionsRequest,
  readResponse: readCreatePartitionsResponse,
  writeResponse: writeCreatePartitionsResponse,
};
