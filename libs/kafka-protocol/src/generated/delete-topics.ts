// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/DeleteTopicsRequest.json, DeleteTopicsResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** DeleteTopicsRequest, versions 0-3, flexible from 4. */
export interface DeleteTopicsRequest {
  /** The names of the topics to delete */
  topicNames: string[];
  /** The length of time in milliseconds to wait for the deletions to complete. */
  timeoutMs: number;
}

export function readDeleteTopicsRequest(r: Reader, version: number): DeleteTopicsRequest {
  const o: DeleteTopicsRequest = {
    topicNames: readArray(r, false, (r) => r.string()),
    timeoutMs: r.int32(),
  };
  return o;
}

export function writeDeleteTopicsRequest(w: Writer, o: DeleteTopicsRequest, version: number): void {
  writeArray(w, false, o.topicNames, (w, e) => w.string(e));
  w.int32(o.timeoutMs);
}

/** DeleteTopicsResponse, versions 0-3, flexible from 4. */
export interface DeleteTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs?: number;
  /** The results for each topic we tried to delete. */
  responses: DeleteTopicsResponseDeletableTopicResult[];
}

export function readDeleteTopicsResponse(r: Reader, version: number): DeleteTopicsResponse {
  const o: DeleteTopicsResponse = {
    throttleTimeMs: version <= 0 ? 0 : r.int32(),
    responses: readArray(r, false, (r) => readDeleteTopicsResponseDeletableTopicResult(r, version)),
  };
  return o;
}

export function writeDeleteTopicsResponse(w: Writer, o: DeleteTopicsResponse, version: number): void {
  if (version >= 1) w.int32((o.throttleTimeMs ?? 0));
  writeArray(w, false, o.responses, (w, e) => writeDeleteTopicsResponseDeletableTopicResult(w, e, version));
}

export interface DeleteTopicsResponseDeletableTopicResult {
  /** The topic name */
  name: string;
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number;
}

export function readDeleteTopicsResponseDeletableTopicResult(r: Reader, version: number): DeleteTopicsResponseDeletableTopicResult {
  const o: DeleteTopicsResponseDeletableTopicResult = {
    name: r.string(),
    errorCode: r.int16(),
  };
  return o;
}

export function writeDeleteTopicsResponseDeletableTopicResult(w: Writer, o: DeleteTopicsResponseDeletableTopicResult, version: number): void {
  w.string(o.name);
  w.int16(o.errorCode);
}

export const deleteTopicsCodec: ApiCodec<DeleteTopicsRequest, DeleteTopicsResponse> = {
  apiKey: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 4,
  readRequest: readDeleteTopicsRequest,
  writeRequest: writeDeleteTopicsRequest,
  readResponse: readDeleteTopicsResponse,
  writeResponse: writeDeleteTopicsResponse,
};
