// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/MetadataRequest.json, MetadataResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { nonNull } from '../io/non-null';
import { readArray, readNullableArray, writeArray, writeNullableArray } from '../io/codec-helpers';

/** MetadataRequest, versions 0-6, flexible from 9. */
export interface MetadataRequest {
  /** The topics to fetch metadata for. */
  topics: MetadataRequestTopic[] | null;
  /** If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so. */
  allowAutoTopicCreation?: boolean;
}

export function readMetadataRequest(r: Reader, version: number): MetadataRequest {
  const o: MetadataRequest = {
    topics: version <= 0 ? readArray(r, false, (r) => readMetadataRequestTopic(r, version)) : readNullableArray(r, false, (r) => readMetadataRequestTopic(r, version)),
    allowAutoTopicCreation: version <= 3 ? true : r.bool(),
  };
  return o;
}

export function writeMetadataRequest(w: Writer, o: MetadataRequest, version: number): void {
  if (version <= 0) writeArray(w, false, nonNull(o.topics, 'MetadataRequest.topics'), (w, e) => writeMetadataRequestTopic(w, e, version));
  if (version >= 1) writeNullableArray(w, false, o.topics, (w, e) => writeMetadataRequestTopic(w, e, version));
  if (version >= 4) w.bool((o.allowAutoTopicCreation ?? true));
}

export interface MetadataRequestTopic {
  /** The topic name. */
  name: string;
}

export function readMetadataRequestTopic(r: Reader, version: number): MetadataRequestTopic {
  const o: MetadataRequestTopic = {
    name: r.string(),
  };
  return o;
}

export function writeMetadataRequestTopic(w: Writer, o: MetadataRequestTopic, version: number): void {
  w.string(o.name);
}

/** MetadataResponse, versions 0-6, flexible from 9. */
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
}

export function readMetadataResponse(r: Reader, version: number): MetadataResponse {
  const o: MetadataResponse = {
    throttleTimeMs: version <= 2 ? 0 : r.int32(),
    brokers: readArray(r, false, (r) => readMetadataResponseBroker(r, version)),
    clusterId: version <= 1 ? null : r.nullableString(),
    controllerId: version <= 0 ? -1 : r.int32(),
    topics: readArray(r, false, (r) => readMetadataResponseTopic(r, version)),
  };
  return o;
}

export function writeMetadataResponse(w: Writer, o: MetadataResponse, version: number): void {
  if (version >= 3) w.int32((o.throttleTimeMs ?? 0));
  writeArray(w, false, o.brokers, (w, e) => writeMetadataResponseBroker(w, e, version));
  if (version >= 2) w.nullableString((o.clusterId === undefined ? null : o.clusterId));
  if (version >= 1) w.int32((o.controllerId ?? -1));
  writeArray(w, false, o.topics, (w, e) => writeMetadataResponseTopic(w, e, version));
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
    host: r.string(),
    port: r.int32(),
    rack: version <= 0 ? null : r.nullableString(),
  };
  return o;
}

export function writeMetadataResponseBroker(w: Writer, o: MetadataResponseBroker, version: number): void {
  w.int32(o.nodeId);
  w.string(o.host);
  w.int32(o.port);
  if (version >= 1) w.nullableString((o.rack === undefined ? null : o.rack));
}

export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. */
  errorCode: number;
  /** The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode is zero. One of Name and TopicId is always populated. */
  name: string;
  /** True if the topic is internal. */
  isInternal?: boolean;
  /** Each partition in the topic. */
  partitions: MetadataResponsePartition[];
}

export function readMetadataResponseTopic(r: Reader, version: number): MetadataResponseTopic {
  const o: MetadataResponseTopic = {
    errorCode: r.int16(),
    name: r.string(),
    isInternal: version <= 0 ? false : r.bool(),
    partitions: readArray(r, false, (r) => readMetadataResponsePartition(r, version)),
  };
  return o;
}

export function writeMetadataResponseTopic(w: Writer, o: MetadataResponseTopic, version: number): void {
  w.int16(o.errorCode);
  w.string(o.name);
  if (version >= 1) w.bool((o.isInternal ?? false));
  writeArray(w, false, o.partitions, (w, e) => writeMetadataResponsePartition(w, e, version));
}

export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. */
  errorCode: number;
  /** The partition index. */
  partitionIndex: number;
  /** The ID of the leader broker. */
  leaderId: number;
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
    replicaNodes: readArray(r, false, (r) => r.int32()),
    isrNodes: readArray(r, false, (r) => r.int32()),
    offlineReplicas: version <= 4 ? [] : readArray(r, false, (r) => r.int32()),
  };
  return o;
}

export function writeMetadataResponsePartition(w: Writer, o: MetadataResponsePartition, version: number): void {
  w.int16(o.errorCode);
  w.int32(o.partitionIndex);
  w.int32(o.leaderId);
  writeArray(w, false, o.replicaNodes, (w, e) => w.int32(e));
  writeArray(w, false, o.isrNodes, (w, e) => w.int32(e));
  if (version >= 5) writeArray(w, false, (o.offlineReplicas ?? []), (w, e) => w.int32(e));
}

export const metadataCodec: ApiCodec<MetadataRequest, MetadataResponse> = {
  apiKey: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 6,
  flexibleMinVersion: 9,
  readRequest: readMetadataRequest,
  writeRequest: writeMetadataRequest,
  readResponse: readMetadataResponse,
  writeResponse: writeMetadataResponse,
};
