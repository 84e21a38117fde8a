// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DeleteTopicsRequest.json, DeleteTopicsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { ZERO_UUID, readArray, readTaggedFields, writeArray } from '../io/codec-helpers';
import { nonNull } from '../io/non-null';

/** DeleteTopicsRequest, versions 0-6, flexible from 4. */
export interface DeleteTopicsRequest {
  /** The name or topic ID of the topic */
  topics?: DeleteTopicsRequestDeleteTopicState[];
  /** The names of the topics to delete */
  topicNames?: string[];
  /** The length of time in milliseconds to wait for the deletions to complete. */
  timeoutMs: number;
}

export function readDeleteTopicsRequest(r: Reader, version: number): DeleteTopicsRequest {
  const o: DeleteTopicsRequest = {
    topics: version <= 5 ? [] : readArray(r, true, (r) => readDeleteTopicsRequestDeleteTopicState(r, version)),
    topicNames: version <= 3 ? readArray(r, false, (r) => r.string()) : version <= 5 ? readArray(r, true, (r) => r.compactString()) : [],
    timeoutMs: r.int32(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDeleteTopicsRequest(w: Writer, o: DeleteTopicsRequest, version: number): void {
  if (version >= 6) writeArray(w, true, (o.topics ?? []), (w, e) => writeDeleteTopicsRequestDeleteTopicState(w, e, version));
  if (version <= 3) writeArray(w, false, (o.topicNames ?? []), (w, e) => w.string(e));
  if (version >= 4 && version <= 5) writeArray(w, true, (o.topicNames ?? []), (w, e) => w.compactString(e));
  w.int32(o.timeoutMs);
  if (version >= 4) w.uvarint(0);
}

export interface DeleteTopicsRequestDeleteTopicState {
  /** The topic name */
  name: string | null;
  /** The unique topic ID */
  topicId: Buffer;
}

export function readDeleteTopicsRequestDeleteTopicState(r: Reader, version: number): DeleteTopicsRequestDeleteTopicState {
  const o: DeleteTopicsRequestDeleteTopicState = {
    name: r.compactNullableString(),
    topicId: r.uuid(),
  };
  readTaggedFields(r);
  return o;
}

export function writeDeleteTopicsRequestDeleteTopicState(w: Writer, o: DeleteTopicsRequestDeleteTopicState, version: number): void {
  w.compactNullableString(o.name);
  w.uuid(o.topicId);
  w.uvarint(0);
}

/** DeleteTopicsResponse, versions 0-6, flexible from 4. */
export interface DeleteTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The results for each topic we tried to delete. */
  responses: DeleteTopicsResponseDeletableTopicResult[];
}

export function readDeleteTopicsResponse(r: Reader, version: number): DeleteTopicsResponse {
  const o: DeleteTopicsResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    responses: version <= 3 ? readArray(r, false, (r) => readDeleteTopicsResponseDeletableTopicResult(r, version)) : readArray(r, true, (r) => readDeleteTopicsResponseDeletableTopicResult(r, version)),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDeleteTopicsResponse(w: Writer, o: DeleteTopicsResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  if (version <= 3) writeArray(w, false, o.responses, (w, e) => writeDeleteTopicsResponseDeletableTopicResult(w, e, version));
  if (version >= 4) writeArray(w, true, o.responses, (w, e) => writeDeleteTopicsResponseDeletableTopicResult(w, e, version));
  if (version >= 4) w.uvarint(0);
}

export interface DeleteTopicsResponseDeletableTopicResult {
  /** The topic name */
  name: string | null;
  /** the unique topic ID */
  topicId?: Buffer;
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage?: string | null;
}

export function readDeleteTopicsResponseDeletableTopicResult(r: Reader, version: number): DeleteTopicsResponseDeletableTopicResult {
  const o: DeleteTopicsResponseDeletableTopicResult = {
    name: version <= 3 ? r.string() : version <= 5 ? r.compactString() : r.compactNullableString(),
    topicId: version <= 5 ? ZERO_UUID : r.uuid(),
    errorCode: r.int16(),
    errorMessage: version <= 4 ? null : r.compactNullableString(),
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeDeleteTopicsResponseDeletableTopicResult(w: Writer, o: DeleteTopicsResponseDeletableTopicResult, version: number): void {
  if (version <= 3) w.string(nonNull(o.name, 'DeleteTopicsResponse.name'));
  if (version >= 4 && version <= 5) w.compactString(nonNull(o.name, 'DeleteTopicsResponse.name'));
  if (version >= 6) w.compactNullableString(o.name);
  if (version >= 6) w.uuid((o.topicId ?? ZERO_UUID));
  w.int16(o.errorCode);
  if (version >= 5) w.compactNullableString((o.errorMessage === undefined ? null : o.errorMessage));
  if (version >= 4) w.uvarint(0);
}

export const deleteTopicsCodec: ApiCodec<DeleteTopicsRequest, DeleteTopicsResponse> = {
  apiKey: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 6,
  flexibleMinVersion: 4,
  readRequest: readDeleteTopicsRequest,
  writeRequest: writeDeleteTopicsRequest,
  readResponse: readDeleteTopicsResponse,
  writeResponse: writeDeleteTopicsResponse,
};
