import fc from 'fast-check';
import { join } from 'node:path';
import { GENERATED_APIS } from '../codegen/api-ranges';
import { SPEC_DIR, loadSpec } from '../codegen/generate';
import { messageArbitrary } from '../codegen/spec-arbitrary';
import { KafkaProtocolError, UnsupportedVersionError } from './errors';
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  requestHeaderVersion,
  responseHeaderVersion,
} from './framing';
import { API_CODECS, ApiKey } from './generated';

const validRequest = fc
  .constantFrom(...GENERATED_APIS.flatMap((api) => Array.from({ length: api.max - api.min + 1 }, (_, i) => ({ api, v: api.min + i }))))
  .chain(({ api, v }) =>
    messageArbitrary(loadSpec(join(SPEC_DIR, 'messages', `${api.name}Request.json`)), v).map((body) => {
      const codec = [...API_CODECS.values()].find((c) => c.name === api.name)!;
      return encodeRequest(codec.apiKey, v, 7, 'fuzz', body).subarray(4);
    }),
  );

function decodesOrThrowsTyped(frame: Buffer): void {
  try {
    decodeRequest(frame);
  } catch (err) {
    if (!(err instanceof KafkaProtocolError)) throw err;
  }
}

describe('request framing', () => {
  it('uses header v2 for flexible request versions and v1 otherwise', () => {
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 2)).toBe(1);
    expect(requestHeaderVersion(ApiKey.OffsetFetch, 6)).toBe(2);
    expect(requestHeaderVersion(ApiKey.Metadata, 6)).toBe(1);
  });

  it('always answers ApiVersions with response header v0, other flexible versions with v1', () => {
    expect(responseHeaderVersion(ApiKey.ApiVersions, 3)).toBe(0);
    expect(responseHeaderVersion(ApiKey.OffsetFetch, 7)).toBe(1);
    expect(responseHeaderVersion(ApiKey.InitProducerId, 1)).toBe(0);
  });

  it('decodes the exact bytes of an ApiVersions v3 request (header v2, compact strings, tagged fields)', () => {
    const frame = Buffer.from([
      0x00, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // api key 18, version 3, correlation id 1
      0x00, 0x07, ...Buffer.from('rdkafka'), // client id: classic int16 string even in header v2
      0x00, // header tagged fields
      0x0b, ...Buffer.from('librdkafka'), // compact string: length + 1
      0x06, ...Buffer.from('2.0.2'),
      0x00, // body tagged fields
    ]);
    const { header, body } = decodeRequest(frame);
    expect(header).toMatchObject({ requestApiKey: 18, requestApiVersion: 3, correlationId: 1, clientId: 'rdkafka' });
    expect(body).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' });
  });

  it('decodes a Metadata v0 request as kafka-python probes (empty topic list)', () => {
    const frame = Buffer.from([0, 3, 0, 0, 0, 0, 0, 2, 0, 3, ...Buffer.from('kp1'), 0, 0, 0, 0]);
    expect(decodeRequest(frame).body).toMatchObject({ topics: [] });
  });

  it('ignores trailing bytes after a request body (librdkafka 2.0.2 OffsetFetch)', () => {
    const frame = Buffer.concat([encodeRequest(ApiKey.Heartbeat, 0, 1, null, { groupId: 'g', generationId: 1, memberId: 'm' }).subarray(4), Buffer.from([1, 2, 3])]);
    expect(decodeRequest(frame).body).toMatchObject({ groupId: 'g' });
  });

  it('encodes responses with a correct size prefix that decode back', () => {
    const chunks = encodeResponse(ApiKey.ApiVersions, 3, 42, { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 3, maxVersion: 7 }], throttleTimeMs: 5 });
    const bytes = Buffer.concat(chunks);
    expect(bytes.readInt32BE(0)).toBe(bytes.length - 4);
    const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, 3, bytes.subarray(4));
    expect(correlationId).toBe(42);
    expect(body).toMatchObject({ throttleTimeMs: 5, apiKeys: [{ apiKey: 0, minVersion: 3, maxVersion: 7 }] });
  });

  it('reports unknown API keys and versions with the typed error', () => {
    const frame = encodeRequest(ApiKey.Heartbeat, 3, 5, null, { groupId: 'g', generationId: 1, memberId: 'm' }).subarray(4);
    const v9 = Buffer.from(frame);
    v9.writeInt16BE(9, 2);
    expect(() => decodeRequest(v9)).toThrow(UnsupportedVersionError);
    const unknown = Buffer.from(frame);
    unknown.writeInt16BE(999, 0);
    expect(() => decodeRequest(unknown)).toThrow(UnsupportedVersionError);
  });

  it('decodes every valid request of every generated API/version', () => {
    fc.assert(fc.property(validRequest, (frame) => void decodeRequest(frame)), { numRuns: 300 });
  });

  it('either decodes or throws its typed error on random frames', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (a) => decodesOrThrowsTyped(Buffer.from(a))), { numRuns: 3000 });
  });

  it('either decodes or throws its typed error on mutated, truncated and extended valid frames', () => {
    const mutated = fc
      .tuple(
        validRequest,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 16 }),
      )
      .map(([frame, edits, cut, tail]) => {
        const copy = Buffer.from(frame);
        for (const [at, byte] of edits) copy[at % copy.length] = byte;
        return Buffer.concat([copy.subarray(0, copy.length - (cut % (copy.length + 1))), Buffer.from(tail)]);
      });
    fc.assert(fc.property(mutated, decodesOrThrowsTyped), { numRuns: 3000 });
  });
});
