// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ResponseHeader.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readTaggedFields } from '../io/codec-helpers';

/** ResponseHeader, versions 0-1, flexible from 1. */
export interface ResponseHeader {
  /** The correlation ID of this response. */
  correlationId: number;
}

export function readResponseHeader(r: Reader, version: number): ResponseHeader {
  const o: ResponseHeader = {
    correlationId: r.int32(),
  };
  if (version >= 1) readTaggedFields(r);
  return o;
}

export function writeResponseHeader(w: Writer, o: ResponseHeader, version: number): void {
  w.int32(o.correlationId);
  if (version >= 1) w.uvarint(0);
}
