// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ApiVersionsRequest.json, ApiVersionsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, readTaggedFields, writeArray, writeTaggedFields } from '../io/codec-helpers';

/** ApiVersionsRequest, versions 0-4, flexible from 3. */
export interface ApiVersionsRequest {
  /** The name of the client. */
  clientSoftwareName?: string;
  /** The version of the client. */
  clientSoftwareVersion?: string;
}

export function readApiVersionsRequest(r: Reader, version: number): ApiVersionsRequest {
  const o: ApiVersionsRequest = {
    clientSoftwareName: version <= 2 ? "" : r.compactString(),
    clientSoftwareVersion: version <= 2 ? "" : r.compactString(),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeApiVersionsRequest(w: Writer, o: ApiVersionsRequest, version: number): void {
  if (version >= 3) w.compactString((o.clientSoftwareName ?? ""));
  if (version >= 3) w.compactString((o.clientSoftwareVersion ?? ""));
  if (version >= 3) w.uvarint(0);
}

/** ApiVersionsResponse, versions 0-4, flexible from 3. */
export interface ApiVersionsResponse {
  /** The top-level error code. */
  errorCode: number;
  /** The APIs supported by the broker. */
  apiKeys: ApiVersionsResponseApiVersion[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** Features supported by the broker. Note: in v0-v3, features with MinSupportedVersion = 0 are omitted. */
  supportedFeatures?: ApiVersionsResponseSupportedFeatureKey[];
  /** The monotonically increasing epoch for the finalized features information. Valid values are >= 0. A value of -1 is special and represents unknown epoch. */
  finalizedFeaturesEpoch?: bigint;
  /** List of cluster-wide finalized features. The information is valid only if FinalizedFeaturesEpoch >= 0. */
  finalizedFeatures?: ApiVersionsResponseFinalizedFeatureKey[];
  /** Set by a KRaft controller if the required configurations for ZK migration are present */
  zkMigrationReady?: boolean;
}

export function readApiVersionsResponse(r: Reader, version: number): ApiVersionsResponse {
  const o: ApiVersionsResponse = {
    errorCode: r.int16(),
    apiKeys: version <= 2 ? readArray(r, false, (r) => readApiVersionsResponseApiVersion(r, version)) : readArray(r, true, (r) => readApiVersionsResponseApiVersion(r, version)),
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1n,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
  if (version >= 3) readTaggedFields(r, (tag, t) => {
    switch (tag) {
      case 0:
        o.supportedFeatures = readArray(t, true, (r) => readApiVersionsResponseSupportedFeatureKey(r, version));
        break;
      case 1:
        o.finalizedFeaturesEpoch = t.int64();
        break;
      case 2:
        o.finalizedFeatures = readArray(t, true, (r) => readApiVersionsResponseFinalizedFeatureKey(r, version));
        break;
      case 3:
        o.zkMigrationReady = t.bool();
        break;
    }
  });
  return o;
}

export function writeApiVersionsResponse(w: Writer, o: ApiVersionsResponse, version: number): void {
  w.int16(o.errorCode);
  if (version <= 2) writeArray(w, false, o.apiKeys, (w, e) => writeApiVersionsResponseApiVersion(w, e, version));
  if (version >= 3) writeArray(w, true, o.apiKeys, (w, e) => writeApiVersionsResponseApiVersion(w, e, version));
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  if (version >= 3) {
    const tagged: Array<readonly [number, Writer]> = [];
    {
      const v = o.supportedFeatures;
      if (v !== undefined && !(v.length === 0)) {
        const t = new Writer(64);
        writeArray(t, true, v, (w, e) => writeApiVersionsResponseSupportedFeatureKey(w, e, version));
        tagged.push([0, t]);
      }
    }
    {
      const v = o.finalizedFeaturesEpoch;
      if (v !== undefined && !(v === -1n)) {
        const t = new Writer(64);
        t.int64(v);
        tagged.push([1, t]);
      }
    }
    {
      const v = o.finalizedFeatures;
      if (v !== undefined && !(v.length === 0)) {
        const t = new Writer(64);
        writeArray(t, true, v, (w, e) => writeApiVersionsResponseFinalizedFeatureKey(w, e, version));
        tagged.push([2, t]);
      }
    }
    {
      const v = o.zkMigrationReady;
      if (v !== undefined && !(v === false)) {
        const t = new Writer(64);
        t.bool(v);
        tagged.push([3, t]);
      }
    }
    writeTaggedFields(w, tagged);
  }
}

export interface ApiVersionsResponseApiVersion {
  /** The API index. */
  apiKey: number;
  /** The minimum supported version, inclusive. */
  minVersion: number;
  /** The maximum supported version, inclusive. */
  maxVersion: number;
}

export function readApiVersionsResponseApiVersion(r: Reader, version: number): ApiVersionsResponseApiVersion {
  const o: ApiVersionsResponseApiVersion = {
    apiKey: r.int16(),
    minVersion: r.int16(),
    maxVersion: r.int16(),
  };
  if (version >= 3) readTaggedFields(r);
  return o;
}

export function writeApiVersionsResponseApiVersion(w: Writer, o: ApiVersionsResponseApiVersion, version: number): void {
  w.int16(o.apiKey);
  w.int16(o.minVersion);
  w.int16(o.maxVersion);
  if (version >= 3) w.uvarint(0);
}

export interface ApiVersionsResponseSupportedFeatureKey {
  /** The name of the feature. */
  name: string;
  /** The minimum supported version for the feature. */
  minVersion: number;
  /** The maximum supported version for the feature. */
  maxVersion: number;
}

export function readApiVersionsResponseSupportedFeatureKey(r: Reader, version: number): ApiVersionsResponseSupportedFeatureKey {
  const o: ApiVersionsResponseSupportedFeatureKey = {
    name: r.compactString(),
    minVersion: r.int16(),
    maxVersion: r.int16(),
  };
  readTaggedFields(r);
  return o;
}

export function writeApiVersionsResponseSupportedFeatureKey(w: Writer, o: ApiVersionsResponseSupportedFeatureKey, version: number): void {
  w.compactString(o.name);
  w.int16(o.minVersion);
  w.int16(o.maxVersion);
  w.uvarint(0);
}

export interface ApiVersionsResponseFinalizedFeatureKey {
  /** The name of the feature. */
  name: string;
  /** The cluster-wide finalized max version level for the feature. */
  maxVersionLevel: number;
  /** The cluster-wide finalized min version level for the feature. */
  minVersionLevel: number;
}

export function readApiVersionsResponseFinalizedFeatureKey(r: Reader, version: number): ApiVersionsResponseFinalizedFeatureKey {
  const o: ApiVersionsResponseFinalizedFeatureKey = {
    name: r.compactString(),
    maxVersionLevel: r.int16(),
    minVersionLevel: r.int16(),
  };
  readTaggedFields(r);
  return o;
}

export function writeApiVersionsResponseFinalizedFeatureKey(w: Writer, o: ApiVersionsResponseFinalizedFeatureKey, version: number): void {
  w.compactString(o.name);
  w.int16(o.maxVersionLevel);
  w.int16(o.minVersionLevel);
  w.uvarint(0);
}

export const apiVersionsCodec: ApiCodec<ApiVersionsRequest, ApiVersionsResponse> = {
  apiKey: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 3,
  readRequest: readApiVersionsRequest,
  writeRequest: writeApiVersionsRequest,
  readResponse: readApiVersionsResponse,
  writeResponse: writeApiVersionsResponse,
};
