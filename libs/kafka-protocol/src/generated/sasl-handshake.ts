// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/SaslHandshakeRequest.json, SaslHandshakeResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** SaslHandshakeRequest, versions 0-1. */
export interface SaslHandshakeRequest {
  /** The SASL mechanism chosen by the client. */
  mechanism: string;
}

export function readSaslHandshakeRequest(r: Reader, version: number): SaslHandshakeRequest {
  const o: SaslHandshakeRequest = {
    mechanism: r.string(),
  };
  return o;
}

export function writeSaslHandshakeRequest(w: Writer, o: SaslHandshakeRequest, version: number): void {
  w.string(o.mechanism);
}

/** SaslHandshakeResponse, versions 0-1. */
export interface SaslHandshakeResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The mechanisms enabled in the server. */
  mechanisms: string[];
}

export function readSaslHandshakeResponse(r: Reader, version: number): SaslHandshakeResponse {
  const o: SaslHandshakeResponse = {
    errorCode: r.int16(),
    mechanisms: readArray(r, false, (r) => r.string()),
  };
  return o;
}

export function writeSaslHandshakeResponse(w: Writer, o: SaslHandshakeResponse, version: number): void {
  w.int16(o.errorCode);
  writeArray(w, false, o.mechanisms, (w, e) => w.string(e));
}

export const saslHandshakeCodec: ApiCodec<SaslHandshakeRequest, SaslHandshakeResponse> = {
  apiKey: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: null,
  readRequest: readSaslHandshakeRequest,
  writeRequest: writeSaslHandshakeRequest,
  readResponse: readSaslHandshakeResponse,
  writeResponse: writeSaslHandshakeResponse,
};
