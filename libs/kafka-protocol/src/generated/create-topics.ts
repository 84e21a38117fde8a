// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/CreateTopicsRequest.json, CreateTopicsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** CreateTopicsRequest, versions 0-4, flexible from 5. */
export interface CreateTopicsRequest {
  /** The topics to create. */
  topics: CreateTopicsRequestCreatableTopic[];
  /** How long to wait in milliseconds before timing out the request. */
  timeoutMs: number;
  /** If true, check that the topics can be created as specified, but don't create anything. */
  validateOnly?: boolean;
}

export function readCreateTopicsRequest(r: Reader, version: number): CreateTopicsRequest {
  const o: CreateTopicsRequest = {
    topics: readArray(r, false, (r) => readCreateTopicsRequestCreatableTopic(r, version)),
    timeoutMs: r.int32(),
    validateOnly: version <= 0 ? false : r.bool(),
  };
  return o;
}

export function writeCreateTopicsRequest(w: Writer, o: CreateTopicsRequest, version: number): void {
  writeArray(w, false, o.topics, (w, e) => writeCreateTopicsRequestCreatableTopic(w, e, version));
  w.int32(o.timeoutMs);
  if (version >= 1) w.bool((o.validateOnly ?? false));
}

export interface CreateTopicsRequestCreatableTopic {
  /** The topic name. */
  name: string;
  /** The number of partitions to create in the topic, or -1 if we are either specifying a manual partition assignment or using the default partitions. */
  numPartitions: number;
  /** The number of replicas to create for each partition in the topic, or -1 if we are either specifying a manual partition assignment or using the default replication factor. */
  replicationFactor: number;
  /** The manual partition assignment, or the empty array if we are using automatic assignment. */
  assignments: CreateTopicsRequestCreatableReplicaAssignment[];
  /** The custom topic configurations to set. */
  configs: CreateTopicsRequestCreatableTopicConfig[];
}

export function readCreateTopicsRequestCreatableTopic(r: Reader, version: number): CreateTopicsRequestCreatableTopic {
  const o: CreateTopicsRequestCreatableTopic = {
    name: r.string(),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: readArray(r, false, (r) => readCreateTopicsRequestCreatableReplicaAssignment(r, version)),
    configs: readArray(r, false, (r) => readCreateTopicsRequestCreatableTopicConfig(r, version)),
  };
  return o;
}

export function writeCreateTopicsRequestCreatableTopic(w: Writer, o: CreateTopicsRequestCreatableTopic, version: number): void {
  w.string(o.name);
  w.int32(o.numPartitions);
  w.int16(o.replicationFactor);
  writeArray(w, false, o.assignments, (w, e) => writeCreateTopicsRequestCreatableReplicaAssignment(w, e, version));
  writeArray(w, false, o.configs, (w, e) => writeCreateTopicsRequestCreatableTopicConfig(w, e, version));
}

export interface CreateTopicsRequestCreatableReplicaAssignment {
  /** The partition index. */
  partitionIndex: number;
  /** The brokers to place the partition on. */
  brokerIds: number[];
}

export function readCreateTopicsRequestCreatableReplicaAssignment(r: Reader, version: number): CreateTopicsRequestCreatableReplicaAssignment {
  const o: CreateTopicsRequestCreatableReplicaAssignment = {
    partitionIndex: r.int32(),
    brokerIds: readArray(r, false, (r) => r.int32()),
  };
  return o;
}

export function writeCreateTopicsRequestCreatableReplicaAssignment(w: Writer, o: CreateTopicsRequestCreatableReplicaAssignment, version: number): void {
  w.int32(o.partitionIndex);
  writeArray(w, false, o.brokerIds, (w, e) => w.int32(e));
}

export interface CreateTopicsRequestCreatableTopicConfig {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
}

export function readCreateTopicsRequestCreatableTopicConfig(r: Reader, version: number): CreateTopicsRequestCreatableTopicConfig {
  const o: CreateTopicsRequestCreatableTopicConfig = {
    name: r.string(),
    value: r.nullableString(),
  };
  return o;
}

export function writeCreateTopicsRequestCreatableTopicConfig(w: Writer, o: CreateTopicsRequestCreatableTopicConfig, version: number): void {
  w.string(o.name);
  w.nullableString(o.value);
}

/** CreateTopicsResponse, versions 0-4, flexible from 5. */
export interface CreateTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Results for each topic we tried to create. */
  topics: CreateTopicsResponseCreatableTopicResult[];
}

export function readCreateTopicsResponse(r: Reader, version: number): CreateTopicsResponse {
  const o: CreateTopicsResponse = {
    throttleTimeMs: version <= 1 ? 0 : r.int32(),
    topics: readArray(r, false, (r) => readCreateTopicsResponseCreatableTopicResult(r, version)),
  };
  return o;
}

export function writeCreateTopicsResponse(w: Writer, o: CreateTopicsResponse, version: number): void {
  if (version >= 2) w.int32((o.throttleTimeMs ?? 0));
  writeArray(w, false, o.topics, (w, e) => writeCreateTopicsResponseCreatableTopicResult(w, e, version));
}

export interface CreateTopicsResponseCreatableTopicResult {
  /** The topic name. */
  name: string;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage?: string | null;
}

export function readCreateTopicsResponseCreatableTopicResult(r: Reader, version: number): CreateTopicsResponseCreatableTopicResult {
  const o: CreateTopicsResponseCreatableTopicResult = {
    name: r.string(),
    errorCode: r.int16(),
    errorMessage: version <= 0 ? "" : r.nullableString(),
  };
  return o;
}

export function writeCreateTopicsResponseCreatableTopicResult(w: Writer, o: CreateTopicsResponseCreatableTopicResult, version: number): void {
  w.string(o.name);
  w.int16(o.errorCode);
  if (version >= 1) w.nullableString((o.errorMessage === undefined ? "" : o.errorMessage));
}

export const createTopicsCodec: ApiCodec<CreateTopicsRequest, CreateTopicsResponse> = {
  apiKey: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 5,
  readRequest: readCreateTopicsRequest,
  writeRequest: writeCreateTopicsRequest,
  readResponse: readCreateTopicsResponse,
  writeResponse: writeCreateTopicsResponse,
};
