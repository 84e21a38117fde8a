// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/MetadataRequest.json, MetadataResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { ZERO_UUID, readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray } from '../io/codec-helpers';
import { nonNull } from '../io/non-null';

/** MetadataRequest, versions 0-12, flexible from 9. */
export interface MetadataRequest {
  /** The topics to fetch metadata for. */
  topics: MetadataRequestTopic[] | null;
  /** If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so. */
  allowAutoTopicCreation?: boolean;
  /** Whether to include cluster authorized operations. */
  includeClusterAuthorizedOperations?: boolean;
  /** Whether to include topic authorized operations. */
  includeTopicAuthorizedOperations?: boolean;
}

export function readMetadataRequest(r: Reader, version: number): MetadataRequest {
  const o: MetadataRequest = {
    topics: version <= 0 ? readArray(r, false, (r) => readMetadataRequestTopic(r, version)) : version <= 8 ? readNullableArray(r, false, (r) => readMetadataRequestTopic(r, version)) : readNullableArray(r, true, (r) => readMetadataRequestTopic(r, version)),
    allowAutoTopicCreation: version <= 3 ? true : r.bool(),
    includeClusterAuthorizedOperations: version <= 7 ? false : version <= 10 ? r.bool() : false,
    includeTopicAuthorizedOperations: version <= 7 ? false : r.bool(),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeMetadataRequest(w: Writer, o: MetadataRequest, version: number): void {
  if (version <= 0) writeArray(w, false, nonNull(o.topics, 'MetadataRequest.topics'), (w, e) => writeMetadataRequestTopic(w, e, version));
  if (version >= 1 && version <= 8) writeNullableArray(w, false, o.topics, (w, e) => writeMetadataRequestTopic(w, e, version));
  if (version >= 9) writeNullableArray(w, true, o.topics, (w, e) => writeMetadataRequestTopic(w, e, version));
  if (version >= 4) w.bool((o.allowAutoTopicCreation ?? true));
  if (version >= 8 && version <= 10) w.bool((o.includeClusterAuthorizedOperations ?? false));
  if (version >= 8) w.bool((o.includeTopicAuthorizedOperations ?? false));
  if (version >= 9) w.uvarint(0);
}

export interface MetadataRequestTopic {
  /** The topic id. */
  topicId?: Buffer;
  /** The topic name. */
  name: string | null;
}

export function readMetadataRequestTopic(r: Reader, version: number): MetadataRequestTopic {
  const o: MetadataRequestTopic = {
    topicId: version <= 9 ? ZERO_UUID : r.uuid(),
    name: version <= 8 ? r.string() : version <= 9 ? r.compactString() : r.compactNullableString(),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeMetadataRequestTopic(w: Writer, o: MetadataRequestTopic, version: number): void {
  if (version >= 10) w.uuid((o.topicId ?? ZERO_UUID));
  if (version <= 8) w.string(nonNull(o.name, 'MetadataRequest.name'));
  if (version >= 9 && version <= 9) w.compactString(nonNull(o.name, 'MetadataRequest.name'));
  if (version >= 10) w.compactNullableString(o.name);
  if (version >= 9) w.uvarint(0);
}

/** MetadataResponse, versions 0-12, flexible from 9. */
export interface MetadataResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** A list of brokers present in the cluster. */
  brokers: MetadataResponseBroker[];
  /** The cluster ID that responding broker belongs to. */
  clusterId?: string | null;
  /** The ID of the controller broker. */
  controllerId?: number;
  /** Each topic in the response. */
  topics: MetadataResponseTopic[];
  /** 32-bit bitfield to represent authorized operations for this cluster. */
  clusterAuthorizedOperations?: number;
}

export function readMetadataResponse(r: Reader, version: number): MetadataResponse {
  const o: MetadataResponse = {
    throttleTimeMs: version <= 2 ? 0 : r.int32(),
    brokers: version <= 8 ? readArray(r, false, (r) => readMetadataResponseBroker(r, version)) : readArray(r, true, (r) => readMetadataResponseBroker(r, version)),
    clusterId: version <= 1 ? null : version <= 8 ? r.nullableString() : r.compactNullableString(),
    controllerId: version <= 0 ? -1 : r.int32(),
    topics: version <= 8 ? readArray(r, false, (r) => readMetadataResponseTopic(r, version)) : readArray(r, true, (r) => readMetadataResponseTopic(r, version)),
    clusterAuthorizedOperations: version <= 7 ? -2147483648 : version <= 10 ? r.int32() : -2147483648,
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeMetadataResponse(w: Writer, o: MetadataResponse, version: number): void {
  if (version >= 3) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 8) writeArray(w, false, o.brokers, (w, e) => writeMetadataResponseBroker(w, e, version));
  if (version >= 9) writeArray(w, true, o.brokers, (w, e) => writeMetadataResponseBroker(w, e, version));
  if (version >= 2 && version <= 8) w.nullableString((o.clusterId === undefined ? null : o.clusterId));
  if (version >= 9) w.compactNullableString((o.clusterId === undefined ? null : o.clusterId));
  if (version >= 1) w.int32((o.controllerId ?? -1));
  if (version <= 8) writeArray(w, false, o.topics, (w, e) => writeMetadataResponseTopic(w, e, version));
  if (version >= 9) writeArray(w, true, o.topics, (w, e) => writeMetadataResponseTopic(w, e, version));
  if (version >= 8 && version <= 10) w.int32((o.clusterAuthorizedOperations ?? -2147483648));
  if (version >= 9) w.uvarint(0);
}

export interface MetadataResponseBroker {
  /** The broker ID. */
  nodeId: number;
  /** The broker hostname. */
  host: string;
  /** The broker port. */
  port: number;
  /** The rack of the broker, or null if it has not been assigned to a rack. */
  rack?: string | null;
}

export function readMetadataResponseBroker(r: Reader, version: number): MetadataResponseBroker {
  const o: MetadataResponseBroker = {
    nodeId: r.int32(),
    host: version <= 8 ? r.string() : r.compactString(),
    port: r.int32(),
    rack: version <= 0 ? null : version <= 8 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeMetadataResponseBroker(w: Writer, o: MetadataResponseBroker, version: number): void {
  w.int32(o.nodeId);
  if (version <= 8) w.string(o.host);
  if (version >= 9) w.compactString(o.host);
  w.int32(o.port);
  if (version >= 1 && version <= 8) w.nullableString((o.rack === undefined ? null : o.rack));
  if (version >= 9) w.compactNullableString((o.rack === undefined ? null : o.rack));
  if (version >= 9) w.uvarint(0);
}

export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. */
  errorCode: number;
  /** The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode is zero. One of Name and TopicId is always populated. */
  name: string | null;
  /** The topic id. Zero for non-existing topics queried by name. This is never zero when ErrorCode is zero. One of Name and TopicId is always populated. */
  topicId?: Buffer;
  /** True if the topic is internal. */
  isInternal?: boolean;
  /** Each partition in the topic. */
  partitions: MetadataResponsePartition[];
  /** 32-bit bitfield to represent authorized operations for this topic. */
  topicAuthorizedOperations?: number;
}

export function readMetadataResponseTopic(r: Reader, version: number): MetadataResponseTopic {
  const o: MetadataResponseTopic = {
    errorCode: r.int16(),
    name: version <= 8 ? r.string() : version <= 11 ? r.compactString() : r.compactNullableString(),
    topicId: version <= 9 ? ZERO_UUID : r.uuid(),
    isInternal: version <= 0 ? false : r.bool(),
    partitions: version <= 8 ? readArray(r, false, (r) => readMetadataResponsePartition(r, version)) : readArray(r, true, (r) => readMetadataResponsePartition(r, version)),
    topicAuthorizedOperations: version <= 7 ? -2147483648 : r.int32(),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeMetadataResponseTopic(w: Writer, o: MetadataResponseTopic, version: number): void {
  w.int16(o.errorCode);
  if (version <= 8) w.string(nonNull(o.name, 'MetadataResponse.name'));
  if (version >= 9 && version <= 11) w.compactString(nonNull(o.name, 'MetadataResponse.name'));
  if (version >= 12) w.compactNullableString(o.name);
  if (version >= 10) w.uuid((o.topicId ?? ZERO_UUID));
  if (version >= 1) w.bool((o.isInternal ?? false));
  if (version <= 8) writeArray(w, false, o.partitions, (w, e) => writeMetadataResponsePartition(w, e, version));
  if (version >= 9) writeArray(w, true, o.partitions, (w, e) => writeMetadataResponsePartition(w, e, version));
  if (version >= 8) w.int32((o.topicAuthorizedOperations ?? -2147483648));
  if (version >= 9) w.uvarint(0);
}

export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. */
  errorCode: number;
  /** The partition index. */
  partitionIndex: number;
  /** The ID of the leader broker. */
  leaderId: number;
  /** The leader epoch of this partition. */
  leaderEpoch?: number;
  /** The set of all nodes that host this partition. */
  replicaNodes: number[];
  /** The set of nodes that are in sync with the leader for this partition. */
  isrNodes: number[];
  /** The set of offline replicas of this partition. */
  offlineReplicas?: number[];
}

export function readMetadataResponsePartition(r: Reader, version: number): MetadataResponsePartition {
  const o: MetadataResponsePartition = {
    errorCode: r.int16(),
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: version <= 6 ? -1 : r.int32(),
    replicaNodes: version <= 8 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
    isrNodes: version <= 8 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
    offlineReplicas: version <= 4 ? [] : version <= 8 ? readArray(r, false, (r) => r.int32()) : readArray(r, true, (r) => r.int32()),
  };
  if (version >= 9) readTaggedFields(r);
  return o;
}

export function writeMetadataResponsePartition(w: Writer, o: MetadataResponsePartition, version: number): void {
  w.int16(o.errorCode);
  w.int32(o.partitionIndex);
  w.int32(o.leaderId);
  if (version >= 7) w.int32((o.leaderEpoch ?? -1));
  if (version <= 8) writeArray(w, false, o.replicaNodes, (w, e) => w.int32(e));
  if (version >= 9) writeArray(w, true, o.replicaNodes, (w, e) => w.int32(e));
  if (version <= 8) writeArray(w, false, o.isrNodes, (w, e) => w.int32(e));
  if (version >= 9) writeArray(w, true, o.isrNodes, (w, e) => w.int32(e));
  if (version >= 5 && version <= 8) writeArray(w, false, (o.offlineReplicas ?? []), (w, e) => w.int32(e));
  if (version >= 9) writeArray(w, true, (o.offlineReplicas ?? []), (w, e) => w.int32(e));
  if (version >= 9) w.uvarint(0);
}

export const metadataCodec: ApiCodec<MetadataRequest, MetadataResponse> = {
  apiKey: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  flexibleMinVersion: 9,
  readRequest: readMetadataRequest,
  writeRequest: writeMetadataRequest,
  readResponse: readMetadataResponse,
  writeResponse: writeMetadataResponse,
};
