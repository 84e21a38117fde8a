// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/SaslAuthenticateRequest.json, SaslAuthenticateResponse.json.

import type { ApiCodec } from '../api-codec';
import { EMPTY_BYTES, readTaggedFields } from '../io/codec-helpers';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** SaslAuthenticateRequest, versions 0-2, flexible from 2. */
export interface SaslAuthenticateRequest {
  /** The SASL authentication bytes from the client, as defined by the SASL mechanism. */
  authBytes: Buffer;
}

export function readSaslAuthenticateRequest(r: Reader, version: number): SaslAuthenticateRequest {
  const o: SaslAuthenticateRequest = {
    authBytes: version <= 1 ? r.bytes() : r.compactBytes(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeSaslAuthenticateRequest(w: Writer, o: SaslAuthenticateRequest, version: number): void {
  if (version <= 1) w.bytes(o.authBytes);
  if (version >= 2) w.compactBytes(o.authBytes);
  if (version >= 2) w.uvarint(0);
}

/** SaslAuthenticateResponse, versions 0-2, flexible from 2. */
export interface SaslAuthenticateResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** The SASL authentication bytes from the server, as defined by the SASL mechanism. */
  authBytes: Buffer;
  /** Number of milliseconds after which only re-authentication over the existing connection to create a new session can occur. */
  sessionLifetimeMs?: bigint;
}

export function readSaslAuthenticateResponse(r: Reader, version: number): SaslAuthenticateResponse {
  const o: SaslAuthenticateResponse = {
    errorCode: r.int16(),
    errorMessage: version <= 1 ? r.nullableString() : r.compactNullableString(),
    authBytes: version <= 1 ? r.bytes() : r.compactBytes(),
    sessionLifetimeMs: version <= 0 ? 0n : r.int64(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeSaslAuthenticateResponse(w: Writer, o: SaslAuthenticateResponse, version: number): void {
  w.int16(o.errorCode);
  if (version <= 1) w.nullableString(o.errorMessage);
  if (version >= 2) w.compactNullableString(o.errorMessage);
  if (version <= 1) w.bytes(o.authBytes);
  if (version >= 2) w.compactBytes(o.authBytes);
  if (version >= 1) w.int64((o.sessionLifetimeMs ?? 0n));
  if (version >= 2) w.uvarint(0);
}

export const saslAuthenticateCodec: ApiCodec<SaslAuthenticateRequest, SaslAuthenticateResponse> = {
  apiKey: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  readRequest: readSaslAuthenticateRequest,
  writeRequest: writeSaslAuthenticateRequest,
  readResponse: readSaslAuthenticateResponse,
  writeResponse: writeSaslAuthenticateResponse,
};
