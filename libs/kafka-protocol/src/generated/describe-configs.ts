// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DescribeConfigsRequest.json, DescribeConfigsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readNullableArray, readTaggedFields, writeArray, writeNullableArray } from '../io/codec-helpers';

/** DescribeConfigsRequest, versions 0-4, flexible from 4. */
export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. */
  resources: DescribeConfigsRequestDescribeConfigsResource[];
  /** True if we should include all synonyms. */
  includeSynonyms?: boolean;
  /** True if we should include configuration documentation. */
  includeDocumentation?: boolean;
}

export function readDescribeConfigsRequest(r: Reader, version: number): DescribeConfigsRequest {
  const o: DescribeConfigsRequest = {
    resources: version <= 3 ? readArray(r, false, (r) => readDescribeConfigsRequestDescribeConfigsResource(r, version)) : readArray(r, true, (r) => readDescribeConfigsRequestDescribeConfigsResource(r, version)),
    includeSynonyms: version <= 0 ? false : r.bool(),
    includeDocumentation: version <= 2 ? false : r.bool(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDescribeConfigsRequest(w: Writer, o: DescribeConfigsRequest, version: number): void {
  if (version <= 3) writeArray(w, false, o.resources, (w, e) => writeDescribeConfigsRequestDescribeConfigsResource(w, e, version));
  if (version >= 4) writeArray(w, true, o.resources, (w, e) => writeDescribeConfigsRequestDescribeConfigsResource(w, e, version));
  if (version >= 1) w.bool((o.includeSynonyms ?? false));
  if (version >= 3) w.bool((o.includeDocumentation ?? false));
  if (version >= 4) w.uvarint(0);
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
    resourceName: version <= 3 ? r.string() : r.compactString(),
    configurationKeys: version <= 3 ? readNullableArray(r, false, (r) => r.string()) : readNullableArray(r, true, (r) => r.compactString()),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDescribeConfigsRequestDescribeConfigsResource(w: Writer, o: DescribeConfigsRequestDescribeConfigsResource, version: number): void {
  w.int8(o.resourceType);
  if (version <= 3) w.string(o.resourceName);
  if (version >= 4) w.compactString(o.resourceName);
  if (version <= 3) writeNullableArray(w, false, o.configurationKeys, (w, e) => w.string(e));
  if (version >= 4) writeNullableArray(w, true, o.configurationKeys, (w, e) => w.compactString(e));
  if (version >= 4) w.uvarint(0);
}

/** DescribeConfigsResponse, versions 0-4, flexible from 4. */
export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each resource. */
  results: DescribeConfigsResponseDescribeConfigsResult[];
}

export function readDescribeConfigsResponse(r: Reader, version: number): DescribeConfigsResponse {
  const o: DescribeConfigsResponse = {
    throttleTimeMs: r.int32(),
    results: version <= 3 ? readArray(r, false, (r) => readDescribeConfigsResponseDescribeConfigsResult(r, version)) : readArray(r, true, (r) => readDescribeConfigsResponseDescribeConfigsResult(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDescribeConfigsResponse(w: Writer, o: DescribeConfigsResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  if (version <= 3) writeArray(w, false, o.results, (w, e) => writeDescribeConfigsResponseDescribeConfigsResult(w, e, version));
  if (version >= 4) writeArray(w, true, o.results, (w, e) => writeDescribeConfigsResponseDescribeConfigsResult(w, e, version));
  if (version >= 4) w.uvarint(0);
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
    errorMessage: version <= 3 ? r.nullableString() : r.compactNullableString(),
    resourceType: r.int8(),
    resourceName: version <= 3 ? r.string() : r.compactString(),
    configs: version <= 3 ? readArray(r, false, (r) => readDescribeConfigsResponseDescribeConfigsResourceResult(r, version)) : readArray(r, true, (r) => readDescribeConfigsResponseDescribeConfigsResourceResult(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDescribeConfigsResponseDescribeConfigsResult(w: Writer, o: DescribeConfigsResponseDescribeConfigsResult, version: number): void {
  w.int16(o.errorCode);
  if (version <= 3) w.nullableString(o.errorMessage);
  if (version >= 4) w.compactNullableString(o.errorMessage);
  w.int8(o.resourceType);
  if (version <= 3) w.string(o.resourceName);
  if (version >= 4) w.compactString(o.resourceName);
  if (version <= 3) writeArray(w, false, o.configs, (w, e) => writeDescribeConfigsResponseDescribeConfigsResourceResult(w, e, version));
  if (version >= 4) writeArray(w, true, o.configs, (w, e) => writeDescribeConfigsResponseDescribeConfigsResourceResult(w, e, version));
  if (version >= 4) w.uvarint(0);
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
  /** The configuration data type. Type can be one of the following values - BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD */
  configType?: number;
  /** The configuration documentation. */
  documentation?: string | null;
}

export function readDescribeConfigsResponseDescribeConfigsResourceResult(r: Reader, version: number): DescribeConfigsResponseDescribeConfigsResourceResult {
  const o: DescribeConfigsResponseDescribeConfigsResourceResult = {
    name: version <= 3 ? r.string() : r.compactString(),
    value: version <= 3 ? r.nullableString() : r.compactNullableString(),
    readOnly: r.bool(),
    isDefault: version <= 0 ? r.bool() : false,
    configSource: version <= 0 ? -1 : r.int8(),
    isSensitive: r.bool(),
    synonyms: version <= 0 ? [] : version <= 3 ? readArray(r, false, (r) => readDescribeConfigsResponseDescribeConfigsSynonym(r, version)) : readArray(r, true, (r) => readDescribeConfigsResponseDescribeConfigsSynonym(r, version)),
    configType: version <= 2 ? 0 : r.int8(),
    documentation: version <= 2 ? "" : version <= 3 ? r.nullableString() : r.compactNullableString(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDescribeConfigsResponseDescribeConfigsResourceResult(w: Writer, o: DescribeConfigsResponseDescribeConfigsResourceResult, version: number): void {
  if (version <= 3) w.string(o.name);
  if (version >= 4) w.compactString(o.name);
  if (version <= 3) w.nullableString(o.value);
  if (version >= 4) w.compactNullableString(o.value);
  w.bool(o.readOnly);
  if (version <= 0) w.bool((o.isDefault ?? false));
  if (version >= 1) w.int8((o.configSource ?? -1));
  w.bool(o.isSensitive);
  if (version >= 1 && version <= 3) writeArray(w, false, (o.synonyms ?? []), (w, e) => writeDescribeConfigsResponseDescribeConfigsSynonym(w, e, version));
  if (version >= 4) writeArray(w, true, (o.synonyms ?? []), (w, e) => writeDescribeConfigsResponseDescribeConfigsSynonym(w, e, version));
  if (version >= 3) w.int8((o.configType ?? 0));
  if (version >= 3 && version <= 3) w.nullableString((o.documentation === undefined ? "" : o.documentation));
  if (version >= 4) w.compactNullableString((o.documentation === undefined ? "" : o.documentation));
  if (version >= 4) w.uvarint(0);
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
    name: version <= 3 ? r.string() : r.compactString(),
    value: version <= 3 ? r.nullableString() : r.compactNullableString(),
    source: r.int8(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDescribeConfigsResponseDescribeConfigsSynonym(w: Writer, o: DescribeConfigsResponseDescribeConfigsSynonym, version: number): void {
  if (version <= 3) w.string(o.name);
  if (version >= 4) w.compactString(o.name);
  if (version <= 3) w.nullableString(o.value);
  if (version >= 4) w.compactNullableString(o.value);
  w.int8(o.source);
  if (version >= 4) w.uvarint(0);
}

export const describeConfigsCodec: ApiCodec<DescribeConfigsRequest, DescribeConfigsResponse> = {
  apiKey: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 4,
  readRequest: readDescribeConfigsRequest,
  writeRequest: writeDescribeConfigsRequest,
  readResponse: readDescribeConfigsResponse,
  writeResponse: writeDescribeConfigsResponse,
};
