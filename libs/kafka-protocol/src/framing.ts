import { isFlexibleVersion, type ApiCodec } from './api-codec';
import { ProtocolDecodeError, UnsupportedVersionError } from './errors';
import { API_CODECS, ApiKey } from './generated';
import { readRequestHeader, writeRequestHeader, type RequestHeader } from './generated/request-header';
import { readResponseHeader, writeResponseHeader } from './generated/response-header';
import { Reader } from './io/reader';
import { Writer } from './io/writer';

/** Header versions are a pure function of the API version's flexibility (KIP-482). */
export function requestHeaderVersion(apiKey: number, apiVersion: number): number {
  const codec = API_CODECS.get(apiKey);
  return codec && isFlexibleVersion(codec, apiVersion) ? 2 : 1;
}

/** ApiVersions always answers with header v0: the client cannot yet know whether we parse flexible headers. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ApiVersions) return 0;
  const codec = API_CODECS.get(apiKey);
  return codec && isFlexibleVersion(codec, apiVersion) ? 1 : 0;
}

/** The fixed start of every request header, readable before knowing whether the API/version is supported. */
export interface RequestKey {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
}

export function peekRequestKey(frame: Buffer): RequestKey {
  if (frame.length < 8) throw new ProtocolDecodeError(`request of ${frame.length} bytes is shorter than a header`);
  return { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2), correlationId: frame.readInt32BE(4) };
}

export interface DecodedRequest<T = unknown> {
  header: RequestHeader;
  body: T;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  codec: ApiCodec<any, any>;
}

/**
 * Decodes one request frame (without its size prefix). Throws UnsupportedVersionError for an API key or
 * version outside the generated codec, ProtocolDecodeError for malformed bytes. Trailing bytes after the
 * body are ignored, as Apache does (librdkafka 2.0.2 sends some, see CLIENTS.md gotcha 12).
 */
export function decodeRequest(frame: Buffer): DecodedRequest {
  const key = peekRequestKey(frame);
  const codec = API_CODECS.get(key.apiKey);
  if (!codec || key.apiVersion < codec.minVersion || key.apiVersion > codec.maxVersion) {
    throw new UnsupportedVersionError(key.apiKey, key.apiVersion, key.correlationId);
  }
  const r = new Reader(frame);
  const header = readRequestHeader(r, requestHeaderVersion(key.apiKey, key.apiVersion));
  const body = codec.readRequest(r, key.apiVersion);
  return { header, body, codec };
}

function codecFor(apiKey: number, apiVersion: number) {
  const codec = API_CODECS.get(apiKey);
  if (!codec || apiVersion < codec.minVersion || apiVersion > codec.maxVersion) {
    throw new UnsupportedVersionError(apiKey, apiVersion, -1);
  }
  return codec;
}

/** Encodes a response as socket-ready chunks: 4-byte size, header, body. */
export function encodeResponse(apiKey: number, apiVersion: number, correlationId: number, body: unknown): Buffer[] {
  const codec = codecFor(apiKey, apiVersion);
  const w = new Writer(512);
  w.int32(0);
  writeResponseHeader(w, { correlationId }, responseHeaderVersion(apiKey, apiVersion));
  codec.writeResponse(w, body, apiVersion);
  const chunks = w.chunksView();
  chunks[0].writeInt32BE(w.length - 4, 0);
  return chunks;
}

/** Encodes a request frame, size prefix included (for tests, tools and benchmarks). */
export function encodeRequest(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: unknown,
): Buffer {
  const codec = codecFor(apiKey, apiVersion);
  const w = new Writer(512);
  w.int32(0);
  writeRequestHeader(
    w,
    { requestApiKey: apiKey, requestApiVersion: apiVersion, correlationId, clientId },
    requestHeaderVersion(apiKey, apiVersion),
  );
  codec.writeRequest(w, body, apiVersion);
  const frame = w.toBuffer();
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

/** Decodes a response frame (without its size prefix) of a request sent with apiKey/apiVersion. */
export function decodeResponse<T = unknown>(
  apiKey: number,
  apiVersion: number,
  frame: Buffer,
): { correlationId: number; body: T } {
  const codec = codecFor(apiKey, apiVersion);
  const r = new Reader(frame);
  const header = readResponseHeader(r, responseHeaderVersion(apiKey, apiVersion));
  return { correlationId: header.correlationId, body: codec.readResponse(r, apiVersion) as T };
}
