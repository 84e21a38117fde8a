// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DescribeConfigsRequest.json, DescribeConfigsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readNullableArray, writeArray, writeNullableArray } from '../io/codec-helpers';

/** DescribeConfigsRequest, versions 0-2, flexible from 4. */
export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. */
  resources: DescribeConfigsRequestDescribeConfigsResource[];
  /** True if we should include all synonyms. */
  includeSynonyms?: boolean;
}

export function readDescribeConfigsRequest(r: Reader, version: number): DescribeConfigsRequest {
  const o: DescribeConfigsRequest = {
    resources: readArray(r, false, (r) => readDescribeConfigsRequestDescribeConfigsResource(r, version)),
    includeSynonyms: version <= 0 ? false : r.bool(),
  };
  return o;
}

export function writeDescribeConfigsRequest(w: Writer, o: DescribeConfigsRequest, version: number): void {
  writeArray(w, false, o.resources, (w, e) => writeDescribeConfigsRequestDescribeConfigsResource(w, e, version));
  if (version >= 1) w.bool((o.includeSynonyms ?? false));
}

export interface DescribeConfigsRequestDescribeConfigsResource {
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The configuration keys to list, or null to list all configuration keys. */
  configurationKeys: string[] | null;
}

export function readDescribeConfigsRequestDescribeConfigsResource(r: Reader, version: number): DescribeConfigsRequestDescribeConfigsResource {
  const o: DescribeConfigsRequestDescribeConfigsResource = {
    resourceType: r.int8(),
    resourceName: r.string(),
    configurationKeys: readNullableArray(r, false, (r) => r.string()),
  };
  return o;
}

export function writeDescribeConfigsRequestDescribeConfigsResource(w: Writer, o: DescribeConfigsRequestDescribeConfigsResource, version: number): void {
  w.int8(o.resourceType);
  w.string(o.resourceName);
  writeNullableArray(w, false, o.configurationKeys, (w, e) => w.string(e));
}

/** DescribeConfigsResponse, versions 0-2, flexible from 4. */
export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each resource. */
  results: DescribeConfigsResponseDescribeConfigsResult[];
}

export function readDescribeConfigsResponse(r: Reader, version: number): DescribeConfigsResponse {
  const o: DescribeConfigsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, false, (r) => readDescribeConfigsResponseDescribeConfigsResult(r, version)),
  };
  return o;
}

export function writeDescribeConfigsResponse(w: Writer, o: DescribeConfigsResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  writeArray(w, false, o.results, (w, e) => writeDescribeConfigsResponseDescribeConfigsResult(w, e, version));
}

export interface DescribeConfigsResponseDescribeConfigsResult {
  /** The error code, or 0 if we were able to successfully describe the configurations. */
  errorCode: number;
  /** The error message, or null if we were able to successfully describe the configurations. */
  errorMessage: string | null;
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** Each listed configuration. */
  configs: DescribeConfigsResponseDescribeConfigsResourceResult[];
}

export function readDescribeConfigsResponseDescribeConfigsResult(r: Reader, version: number): DescribeConfigsResponseDescribeConfigsResult {
  const o: DescribeConfigsResponseDescribeConfigsResult = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(),
    resourceType: r.int8(),
    resourceName: r.string(),
    configs: readArray(r, false, (r) => readDescribeConfigsResponseDescribeConfigsResourceResult(r, version)),
  };
  return o;
}

export function writeDescribeConfigsResponseDescribeConfigsResult(w: Writer, o: DescribeConfigsResponseDescribeConfigsResult, version: number): void {
  w.int16(o.errorCode);
  w.nullableString(o.errorMessage);
  w.int8(o.resourceType);
  w.string(o.resourceName);
  writeArray(w, false, o.configs, (w, e) => writeDescribeConfigsResponseDescribeConfigsResourceResult(w, e, version));
}

export interface DescribeConfigsResponseDescribeConfigsResourceResult {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
  /** True if the configuration is read-only. */
  readOnly: boolean;
  /** True if the configuration is not set. */
  isDefault?: boolean;
  /** The configuration source. */
  configSource?: number;
  /** True if this configuration is sensitive. */
  isSensitive: boolean;
  /** The synonyms for this configuration key. */
  synonyms?: DescribeConfigsResponseDescribeConfigsSynonym[];
}

export function readDescribeConfigsResponseDescribeConfigsResourceResult(r: Reader, version: number): DescribeConfigsResponseDescribeConfigsResourceResult {
  const o: DescribeConfigsResponseDescribeConfigsResourceResult = {
    name: r.string(),
    value: r.nullableString(),
    readOnly: r.bool(),
    isDefault: version <= 0 ? r.bool() : false,
    configSource: version <= 0 ? -1 : r.int8(),
    isSensitive: r.bool(),
    synonyms: version <= 0 ? [] : readArray(r, false, (r) => readDescribeConfigsResponseDescribeConfigsSynonym(r, version)),
  };
  return o;
}

export function writeDescribeConfigsResponseDescribeConfigsResourceResult(w: Writer, o: DescribeConfigsResponseDescribeConfigsResourceResult, version: number): void {
  w.string(o.name);
  w.nullableString(o.value);
  w.bool(o.readOnly);
  if (version <= 0) w.bool((o.isDefault ?? false));
  if (version >= 1) w.int8((o.configSource ?? -1));
  w.bool(o.isSensitive);
  if (version >= 1) writeArray(w, false, (o.synonyms ?? []), (w, e) => writeDescribeConfigsResponseDescribeConfigsSynonym(w, e, version));
}

export interface DescribeConfigsResponseDescribeConfigsSynonym {
  /** The synonym name. */
  name: string;
  /** The synonym value. */
  value: string | null;
  /** The synonym source. */
  source: number;
}

export function readDescribeConfigsResponseDescribeConfigsSynonym(r: Reader, version: number): DescribeConfigsResponseDescribeConfigsSynonym {
  const o: DescribeConfigsResponseDescribeConfigsSynonym = {
    name: r.string(),
    value: r.nullableString(),
    source: r.int8(),
  };
  return o;
}

export function writeDescribeConfigsResponseDescribeConfigsSynonym(w: Writer, o: DescribeConfigsResponseDescribeConfigsSynonym, version: number): void {
  w.string(o.name);
  w.nullableString(o.value);
  w.int8(o.source);
}

export const describeConfigsCodec: ApiCodec<DescribeConfigsRequest, DescribeConfigsResponse> = {
  apiKey: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 4,
  readRequest: readDescribeConfigsRequest,
  writeRequest: writeDescribeConfigsRequest,
  readResponse: readDescribeConfigsResponse,
  writeResponse: writeDescribeConfigsResponse,
};
