// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DescribeClusterRequest.json, DescribeClusterResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** DescribeClusterRequest, versions 0-1, flexible from 0. */
export interface DescribeClusterRequest {
  /** Whether to include cluster authorized operations. */
  includeClusterAuthorizedOperations: boolean;
  /** The endpoint type to describe. 1=brokers, 2=controllers. */
  endpointType?: number;
}

export function readDescribeClusterRequest(r: Reader, version: number): DescribeClusterRequest {
  const o: DescribeClusterRequest = {
    includeClusterAuthorizedOperations: r.bool(),
    endpointType: version <= 0 ? 1 : r.int8(),
  };
  readTaggedFields(r);
  return o;
}

export function writeDescribeClusterRequest(w: Writer, o: DescribeClusterRequest, version: number): void {
  w.bool(o.includeClusterAuthorizedOperations);
  if (version >= 1) w.int8((o.endpointType ?? 1));
  w.uvarint(0);
}

/** DescribeClusterResponse, versions 0-1, flexible from 0. */
export interface DescribeClusterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level error code, or 0 if there was no error */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The endpoint type that was described. 1=brokers, 2=controllers. */
  endpointType?: number;
  /** The cluster ID that responding broker belongs to. */
  clusterId: string;
  /** The ID of the controller broker. */
  controllerId: number;
  /** Each broker in the response. */
  brokers: DescribeClusterResponseDescribeClusterBroker[];
  /** 32-bit bitfield to represent authorized operations for this cluster. */
  clusterAuthorizedOperations: number;
}

export function readDescribeClusterResponse(r: Reader, version: number): DescribeClusterResponse {
  const o: DescribeClusterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.compactNullableString(),
    endpointType: version <= 0 ? 1 : r.int8(),
    clusterId: r.compactString(),
    controllerId: r.int32(),
    brokers: readArray(r, true, (r) => readDescribeClusterResponseDescribeClusterBroker(r, version)),
    clusterAuthorizedOperations: r.int32(),
  };
  readTaggedFields(r);
  return o;
}

export function writeDescribeClusterResponse(w: Writer, o: DescribeClusterResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  w.int16(o.errorCode);
  w.compactNullableString(o.errorMessage);
  if (version >= 1) w.int8((o.endpointType ?? 1));
  w.compactString(o.clusterId);
  w.int32(o.controllerId);
  writeArray(w, true, o.brokers, (w, e) => writeDescribeClusterResponseDescribeClusterBroker(w, e, version));
  w.int32(o.clusterAuthorizedOperations);
  w.uvarint(0);
}

export interface DescribeClusterResponseDescribeClusterBroker {
  /** The broker ID. */
  brokerId: number;
  /** The broker hostname. */
  host: string;
  /** The broker port. */
  port: number;
  /** The rack of the broker, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export function readDescribeClusterResponseDescribeClusterBroker(r: Reader, version: number): DescribeClusterResponseDescribeClusterBroker {
  const o: DescribeClusterResponseDescribeClusterBroker = {
    brokerId: r.int32(),
    host: r.compactString(),
    port: r.int32(),
    rack: r.compactNullableString(),
  };
  readTaggedFields(r);
  return o;
}

export function writeDescribeClusterResponseDescribeClusterBroker(w: Writer, o: DescribeClusterResponseDescribeClusterBroker, version: number): void {
  w.int32(o.brokerId);
  w.compactString(o.host);
  w.int32(o.port);
  w.compactNullableString(o.rack);
  w.uvarint(0);
}

export const describeClusterCodec: ApiCodec<DescribeClusterRequest, DescribeClusterResponse> = {
  apiKey: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  readRequest: readDescribeClusterRequest,
  writeRequest: writeDescribeClusterRequest,
  readResponse: readDescribeClusterResponse,
  writeResponse: writeDescribeClusterResponse,
};
