// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/CreateTopicsRequest.json, CreateTopicsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { ZERO_UUID, readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray, writeTaggedFields } from '../io/codec-helpers';

/** CreateTopicsRequest, versions 0-7, flexible from 5. */
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
    topics: version <= 4 ? readArray(r, false, (r) => readCreateTopicsRequestCreatableTopic(r, version)) : readArray(r, true, (r) => readCreateTopicsRequestCreatableTopic(r, version)),
    timeoutMs: r.int32(),
    validateOnly: version <= 0 ? false : r.bool(),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeCreateTopicsRequest(w: Writer, o: CreateTopicsRequest, version: number): void {
  if (version <= 4) writeArray(w, false, o.topics, (w, e) => writeCreateTopicsRequestCreatableTopic(w, e, version));
  if (version >= 5) writeArray(w, true, o.topics, (w, e) => writeCreateTopicsRequestCreatableTopic(w, e, version));
  w.int32(o.timeoutMs);
  if (version >= 1) w.bool((o.validateOnly ?? false));
  if (version >= 5) w.uvarint(0);
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
    name: version <= 4 ? r.string() : r.compactString(),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: version <= 4 ? readArray(r, false, (r) => readCreateTopicsRequestCreatableReplicaAssignment(r, version)) : readArray(r, true, (r) => readCreateTopicsRequestCreatableReplicaAssignment(r, version)),
    configs: version <= 4 ? readArray(r, false, (r) => readCreateTopicsRequestCreatableTopicConfig(r, version)) : readArray(r, true, (r) => readCreateTopicsRequestCreatableTopicConfig(r, version)),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeCreateTopicsRequestCreatableTopic(w: Writer, o: CreateTopicsRequestCreatableTopic, version: number): void {
  if (version <= 4) w.string(o.name);
  if (version >= 5) w.compactString(o.name);
  w.int32(o.numPartitions);
  w.int16(o.replicationFactor);
  if (version <= 4) writeArray(w, false, o.assignments, (w, e) => writeCreateTopicsRequestCreatableReplicaAssignment(w, e, version));
  if (version >= 5) writeArray(w, true, o.assignments, (w, e) => writeCreateTopicsRequestCreatableReplicaAssignment(w, e, version));
  if (version <= 4) writeArray(w, false, o.configs, (w, e) => writeCreateTopicsRequestCreatableTopicConfig(w, e, version));
  if (version >= 5) writeArray(w, true, o.configs, (w, e) => writeCreateTopicsRequestCreatableTopicConfig(w, e, version));
  if (version >= 5) w.uvarint(0);
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
    brokerIds: version <= 4 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeCreateTopicsRequestCreatableReplicaAssignment(w: Writer, o: CreateTopicsRequestCreatableReplicaAssignment, version: number): void {
  w.int32(o.partitionIndex);
  if (version <= 4) writeArray(w, false, o.brokerIds, (w, e) => w.int32(e));
  if (version >= 5) writeArray(w, true, o.brokerIds, (w, e) => w.int32(e));
  if (version >= 5) w.uvarint(0);
}

export interface CreateTopicsRequestCreatableTopicConfig {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
}

export function readCreateTopicsRequestCreatableTopicConfig(r: Reader, version: number): CreateTopicsRequestCreatableTopicConfig {
  const o: CreateTopicsRequestCreatableTopicConfig = {
    name: version <= 4 ? r.string() : r.compactString(),
    value: version <= 4 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeCreateTopicsRequestCreatableTopicConfig(w: Writer, o: CreateTopicsRequestCreatableTopicConfig, version: number): void {
  if (version <= 4) w.string(o.name);
  if (version >= 5) w.compactString(o.name);
  if (version <= 4) w.nullableString(o.value);
  if (version >= 5) w.compactNullableString(o.value);
  if (version >= 5) w.uvarint(0);
}

/** CreateTopicsResponse, versions 0-7, flexible from 5. */
export interface CreateTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Results for each topic we tried to create. */
  topics: CreateTopicsResponseCreatableTopicResult[];
}

export function readCreateTopicsResponse(r: Reader, version: number): CreateTopicsResponse {
  const o: CreateTopicsResponse = {
    throttleTimeMs: version <= 1 ? 0 : r.int32(),
    topics: version <= 4 ? readArray(r, false, (r) => readCreateTopicsResponseCreatableTopicResult(r, version)) : readArray(r, true, (r) => readCreateTopicsResponseCreatableTopicResult(r, version)),
  };
  if (version >= 5) readTaggedFields(r);
  return o;
}

export function writeCreateTopicsResponse(w: Writer, o: CreateTopicsResponse, version: number): void {
  if (version >= 2) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 4) writeArray(w, false, o.topics, (w, e) => writeCreateTopicsResponseCreatableTopicResult(w, e, version));
  if (version >= 5) writeArray(w, true, o.topics, (w, e) => writeCreateTopicsResponseCreatableTopicResult(w, e, version));
  if (version >= 5) w.uvarint(0);
}

export interface CreateTopicsResponseCreatableTopicResult {
  /** The topic name. */
  name: string;
  /** The unique topic ID */
  topicId?: Buffer;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage?: string | null;
  /** Optional topic config error returned if configs are not returned in the response. */
  topicConfigErrorCode?: number;
  /** Number of partitions of the topic. */
  numPartitions?: number;
  /** Replication factor of the topic. */
  replicationFactor?: number;
  /** Configuration of the topic. */
  configs?: CreateTopicsResponseCreatableTopicConfigs[] | null;
}

export function readCreateTopicsResponseCreatableTopicResult(r: Reader, version: number): CreateTopicsResponseCreatableTopicResult {
  const o: CreateTopicsResponseCreatableTopicResult = {
    name: version <= 4 ? r.string() : r.compactString(),
    topicId: version <= 6 ? ZERO_UUID : r.uuid(),
    errorCode: r.int16(),
    errorMessage: version <= 0 ? "" : version <= 4 ? r.nullableString() : r.compactNullableString(),
    topicConfigErrorCode: 0,
    numPartitions: version <= 4 ? -1 : r.int32(),
    replicationFactor: version <= 4 ? -1 : r.int16(),
    configs: version <= 4 ? [] : readNullableArray(r, true, (r) => readCreateTopicsResponseCreatableTopicConfigs(r, version)),
  };
  if (version >= 5) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        o.topicConfigErrorCode = t.int16();
        break;
    }
  });
  return o;
}

export function writeCreateTopicsResponseCreatableTopicResult(w: Writer, o: CreateTopicsResponseCreatableTopicResult, version: number): void {
  if (version <= 4) w.string(o.name);
  if (version >= 5) w.compactString(o.name);
  if (version >= 7) w.uuid((o.topicId ?? ZERO_UUID));
  w.int16(o.errorCode);
  if (version >= 1 && version <= 4) w.nullableString((o.errorMessage === undefined ? "" : o.errorMessage));
  if (version >= 5) w.compactNullableString((o.errorMessage === undefined ? "" : o.errorMessage));
  if (version >= 5) w.int32((o.numPartitions ?? -1));
  if (version >= 5) w.int16((o.replicationFactor ?? -1));
  if (version >= 5) writeNullableArray(w, true, (o.configs === undefined ? [] : o.configs), (w, e) => writeCreateTopicsResponseCreatableTopicConfigs(w, e, version));
  if (version >= 5) {
    const tagged: Array<readonly [number, Writer]> = [];
    {
      const v = o.topicConfigErrorCode;
      if (v !== undefined && !(v === 0)) {
        const t = new Writer(64);
        t.int16(v);
        tagged.push([0, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface CreateTopicsResponseCreatableTopicConfigs {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
  /** True if the configuration is read-only. */
  readOnly: boolean;
  /** The configuration source. */
  configSource: number;
  /** True if this configuration is sensitive. */
  isSensitive: boolean;
}

export function readCreateTopicsResponseCreatableTopicConfigs(r: Reader, version: number): CreateTopicsResponseCreatableTopicConfigs {
  const o: CreateTopicsResponseCreatableTopicConfigs = {
    name: r.compactString(),
    value: r.compactNullableString(),
    readOnly: r.bool(),
    configSource: r.int8(),
    isSensitive: r.bool(),
  };
  readTaggedFields(r);
  return o;
}

export function writeCreateTopicsResponseCreatableTopicConfigs(w: Writer, o: CreateTopicsResponseCreatableTopicConfigs, version: number): void {
  w.compactString(o.name);
  w.compactNullableString(o.value);
  w.bool(o.readOnly);
  w.int8(o.configSource);
  w.bool(o.isSensitive);
  w.uvarint(0);
}

export const createTopicsCodec: ApiCodec<CreateTopicsRequest, CreateTopicsResponse> = {
  apiKey: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 7,
  flexibleMinVersion: 5,
  readRequest: readCreateTopicsRequest,
  writeRequest: writeCreateTopicsRequest,
  readResponse: readCreateTopicsResponse,
  writeResponse: writeCreateTopicsResponse,
};
