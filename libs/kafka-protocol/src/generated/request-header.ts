// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/RequestHeader.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readTaggedFields } from '../io/codec-helpers';

/** RequestHeader, versions 0-2, flexible from 2. */
export interface RequestHeader {
  /** The API key of this request. */
  requestApiKey: number;
  /** The API version of this request. */
  requestApiVersion: number;
  /** The correlation ID of this request. */
  correlationId: number;
  /** The client ID string. */
  clientId?: string | null;
}

export function readRequestHeader(r: Reader, version: number): RequestHeader {
  const o: RequestHeader = {
    requestApiKey: r.int16(),
    requestApiVersion: r.int16(),
    correlationId: r.int32(),
    clientId: version <= 0 ? "" : r.nullableString(),
  };
  if (version >= 2) readTaggedFields(r);
  return o;
}

export function writeRequestHeader(w: Writer, o: RequestHeader, version: number): void {
  w.int16(o.requestApiKey);
  w.int16(o.requestApiVersion);
  w.int32(o.correlationId);
  if (version >= 1) w.nullableString((o.clientId === undefined ? "" : o.clientId));
  if (version >= 2) w.uvarint(0);
}
