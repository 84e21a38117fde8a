// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/InitProducerIdRequest.json, InitProducerIdResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readTaggedFields } from '../io/codec-helpers';

/** InitProducerIdRequest, versions 0-5, flexible from 2. */
export interface InitProducerIdRequest {
  /** The transactional id, or null if the producer is not transactional. */
  transactionalId: string | null;
  /** The time in ms to wait before aborting idle transactions sent by this producer. This is only relevant if a TransactionalId has been defined. */
  transactionTimeoutMs: number;
  /** The producer id. This is used to disambiguate requests if a transactional id is reused following its expiration. */
  producerId?: bigint;
  /** The producer's current epoch. This will be checked against the producer epoch on the broker, and the request will return an error if they do not match. */
  producerEpoch?: number;
}

export function readInitProducerIdRequest(r: Reader, version: number): InitProducerIdRequest {
  const o: InitProducerIdRequest = {
    transactionalId: version <= 1 ? r.nullableString() : r.compactNullableString(),
    transactionTimeoutMs: r.int32(),
    producerId: version <= 2 ? -1n : r.int64(),
    producerEpoch: version <= 2 ? -1 : r.int16(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeInitProducerIdRequest(w: Writer, o: InitProducerIdRequest, version: number): void {
  if (version <= 1) w.nullableString(o.transactionalId);
  if (version >= 2) w.compactNullableString(o.transactionalId);
  w.int32(o.transactionTimeoutMs);
  if (version >= 3) w.int64((o.producerId ?? -1n));
  if (version >= 3) w.int16((o.producerEpoch ?? -1));
  if (version >= 2) w.uvarint(0);
}

/** InitProducerIdResponse, versions 0-5, flexible from 2. */
export interface InitProducerIdResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The current producer id. */
  producerId: bigint;
  /** The current epoch associated with the producer id. */
  producerEpoch: number;
}

export function readInitProducerIdResponse(r: Reader, version: number): InitProducerIdResponse {
  const o: InitProducerIdResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeInitProducerIdResponse(w: Writer, o: InitProducerIdResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  w.int16(o.errorCode);
  w.int64(o.producerId);
  w.int16(o.producerEpoch);
  if (version >= 2) w.uvarint(0);
}

export const initProducerIdCodec: ApiCodec<InitProducerIdRequest, InitProducerIdResponse> = {
  apiKey: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 2,
  readRequest: readInitProducerIdRequest,
  writeRequest: writeInitProducerIdRequest,
  readResponse: readInitProducerIdResponse,
  writeResponse: writeInitProducerIdResponse,
};
