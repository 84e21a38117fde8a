import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import fc from 'fast-check';
import {
  ApiKey,
  encodeRequest,
  readApiVersionsResponse,
  Reader,
  type ApiVersionsResponse,
  type HeartbeatRequest,
  type HeartbeatResponse,
} from '@app/kafka-protocol';
import { KafkaApi, KafkaServer, KafkaServerModule, type KafkaHandler } from '../src/server';
import { ProtocolClient } from '@app/testing';

/** Stands in for a slow group API: answers after `groupId` milliseconds, echoing the delay as throttle time. */
@KafkaApi(ApiKey.Heartbeat, { versions: [0, 4] })
class DelayedHeartbeatHandler implements KafkaHandler<HeartbeatRequest, HeartbeatResponse> {
  /** Requests for group "hold" wait here until the test releases them. */
  static readonly held: Array<() => void> = [];

  async handle(req: HeartbeatRequest): Promise<HeartbeatResponse> {
    if (req.groupId === 'hold') {
      await new Promise<void>((r) => DelayedHeartbeatHandler.held.push(r));
      return { errorCode: 0, throttleTimeMs: -1 };
    }
    const delay = Number(req.groupId);
    if (req.groupId === 'throw') throw new Error('handler bug');
    await new Promise((r) => setTimeout(r, delay));
    return { errorCode: 0, throttleTimeMs: delay };
  }
}

@Module({ providers: [DelayedHeartbeatHandler] })
class TestHandlersModule {}

const MAX_REQUEST_BYTES = 64 * 1024;

describe('Kafka TCP server', () => {
  let app: INestApplicationContext;
  let port: number;
  const clients: ProtocolClient[] = [];
  const connect = async () => {
    const c = await ProtocolClient.connect(port);
    clients.push(c);
    return c;
  };
  const heartbeat = (groupId: string) => ({ groupId, generationId: 1, memberId: 'm' });

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(
      {
        module: class RootModule {},
        imports: [
          KafkaServerModule.forRoot({ port: 0, host: '127.0.0.1', advertisedHost: '127.0.0.1', maxRequestBytes: MAX_REQUEST_BYTES }),
          TestHandlersModule,
        ],
      },
      { logger: false },
    );
    await app.init();
    port = app.get(KafkaServer).address()!.port;
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers ApiVersions 0-4 with the registered APIs', async () => {
    const c = await connect();
    for (const v of [0, 1, 2, 3, 4]) {
      const res = await c.send<ApiVersionsResponse>(ApiKey.ApiVersions, v, { clientSoftwareName: 'test', clientSoftwareVersion: '1.0' });
      expect(res.errorCode).toBe(0);
      expect(res.apiKeys).toEqual([
        { apiKey: ApiKey.Heartbeat, minVersion: 0, maxVersion: 4 },
        { apiKey: ApiKey.SaslHandshake, minVersion: 0, maxVersion: 1 },
        { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 4 },
        { apiKey: ApiKey.SaslAuthenticate, minVersion: 0, maxVersion: 2 },
      ]);
    }
  });

  it('answers an unknown ApiVersions version in v0 with UNSUPPORTED_VERSION and its own range (KIP-511)', async () => {
    const c = await connect();
    // ApiVersions v5 as a client would send a future version: header v2, compact strings, tagged fields.
    const body = Buffer.from([0x02, 0x78, 0x02, 0x31, 0x00]);
    const header = Buffer.alloc(10);
    header.writeInt16BE(18, 0);
    header.writeInt16BE(5, 2);
    header.writeInt32BE(77, 4);
    header.writeInt16BE(-1, 8);
    const payload = Buffer.concat([header, Buffer.from([0]), body]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    c.writeRaw(Buffer.concat([size, payload]));
    const res = await c.expectResponse<ApiVersionsResponse>(77, ApiKey.ApiVersions, 0);
    expect(res).toMatchObject({ errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }] });
    // Still open: the client retries with a lower version on the same connection.
    expect((await c.send<ApiVersionsResponse>(ApiKey.ApiVersions, 4, {})).errorCode).toBe(0);
  });

  it('writes ApiVersions v3 and v4 responses with header v0 (no tagged fields after the correlation id)', async () => {
    const c = await connect();
    for (const v of [3, 4]) {
      await c.send(ApiKey.ApiVersions, v, { clientSoftwareName: 'x', clientSoftwareVersion: 'y' });
      const frame = c.rawFrames[c.rawFrames.length - 1];
      const r = new Reader(frame, 4);
      expect(readApiVersionsResponse(r, v).errorCode).toBe(0);
      expect(r.remaining).toBe(0);
    }
  });

  it('returns pipelined responses in request order even when handlers finish out of order', async () => {
    const c = await connect();
    const delays = ['60', '0', '30', '5', '0', '45'];
    const sent = delays.map((d) => c.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, heartbeat(d)));
    const apiVersions = c.send(ApiKey.ApiVersions, 0, {});
    const results = await Promise.all(sent);
    await apiVersions;
    expect(results.map((r) => r.throttleTimeMs)).toEqual(delays.map(Number));
    expect(c.arrivalOrder).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps serving other connections while one is slow', async () => {
    const slow = await connect();
    const fast = await connect();
    const slowReply = slow.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, heartbeat('hold'));
    const started = await fast.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, heartbeat('0'));
    expect(started.throttleTimeMs).toBe(0);
    while (DelayedHeartbeatHandler.held.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(slow.arrivalOrder).toEqual([]);
    for (const release of DelayedHeartbeatHandler.held.splice(0)) release();
    expect((await slowReply).throttleTimeMs).toBe(-1);
  });

  it.each([
    ['a frame over the request size limit', () => int32(MAX_REQUEST_BYTES + 1)],
    ['a negative frame size', () => int32(-5)],
    ['a frame too short for a header', () => Buffer.concat([int32(3), Buffer.from([0, 18, 0])])],
    ['an unknown API key', () => frame(Buffer.from([0x7f, 0x00, 0, 0, 0, 0, 0, 9, 0xff, 0xff]))],
    ['an unsupported Heartbeat version', () => withVersion(encodeRequest(ApiKey.Heartbeat, 3, 9, null, heartbeat('0')), 9)],
    ['a truncated Heartbeat body', () => truncate(encodeRequest(ApiKey.Heartbeat, 3, 9, null, heartbeat('0')), 3)],
    ['a string length past the end of the frame', () => corruptGroupIdLength(encodeRequest(ApiKey.Heartbeat, 1, 9, null, heartbeat('0')))],
    // Flexible (KIP-482) framing: header v2 and compact, varint-sized body fields.
    ['a flexible header whose tagged-field count has nothing after it', () => frame(Buffer.from([0, 12, 0, 4, 0, 0, 0, 9, 0xff, 0xff, 0x02]))],
    ['a flexible compact string length past the end of the frame', () => compactGroupIdLength(encodeRequest(ApiKey.Heartbeat, 4, 9, null, heartbeat('0')), [0xc8, 0x01])],
    ['a flexible varint longer than 5 bytes', () => compactGroupIdLength(encodeRequest(ApiKey.Heartbeat, 4, 9, null, heartbeat('0')), [0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ['a flexible body whose tagged field runs past the frame', () => lastTaggedFields(encodeRequest(ApiKey.Heartbeat, 4, 9, null, heartbeat('0')), [0x01, 0x00, 0x7f])],
    ['a flexible body whose tagged-field section is cut off', () => truncate(encodeRequest(ApiKey.Heartbeat, 4, 9, null, heartbeat('0')), 1)],
  ])('closes only the offending connection on %s', async (_name, bytes) => {
    const bad = await connect();
    const good = await connect();
    bad.writeRaw(bytes());
    await bad.closed;
    const res = await good.send<ApiVersionsResponse>(ApiKey.ApiVersions, 2, {});
    expect(res.errorCode).toBe(0);
  });

  it('closes the connection when a handler throws, and keeps serving others', async () => {
    const bad = await connect();
    const good = await connect();
    await expect(bad.send(ApiKey.Heartbeat, 3, heartbeat('throw'))).rejects.toThrow('connection closed');
    expect((await good.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, heartbeat('1'))).throttleTimeMs).toBe(1);
  });

  it('survives random and mutated frames on live connections', async () => {
    const valid = [
      encodeRequest(ApiKey.ApiVersions, 3, 1, 'c', { clientSoftwareName: 'a', clientSoftwareVersion: 'b' }),
      encodeRequest(ApiKey.Heartbeat, 3, 2, 'c', { groupId: '0', generationId: 1, memberId: 'm', groupInstanceId: null }),
      // Flexible (header v2, compact strings, tagged fields) versions of both.
      encodeRequest(ApiKey.ApiVersions, 4, 4, 'c', { clientSoftwareName: 'a', clientSoftwareVersion: 'b' }),
      encodeRequest(ApiKey.Heartbeat, 4, 5, 'c', { groupId: '0', generationId: 1, memberId: 'm', groupInstanceId: 'i' }),
      encodeRequest(ApiKey.SaslHandshake, 1, 3, null, { mechanism: 'PLAIN' }),
    ];
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }))
      .map(([frame, edits]) => {
        const copy = Buffer.from(frame);
        for (const [at, byte] of edits) copy[at % copy.length] = byte;
        return copy;
      });
    const random = fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, random), async (bytes) => {
        const c = await ProtocolClient.connect(port);
        c.writeRaw(bytes);
        // Either the server answers or closes; it must keep serving a fresh connection either way.
        await new Promise((r) => setTimeout(r, 5));
        c.close();
        const probe = await ProtocolClient.connect(port);
        const res = await probe.send<ApiVersionsResponse>(ApiKey.ApiVersions, 0, {});
        probe.close();
        expect(res.errorCode).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('Kafka TCP server shutdown', () => {
  it('stops accepting, answers in-flight requests, then closes connections', async () => {
    const app = await NestFactory.createApplicationContext(
      {
        module: class ShutdownModule {},
        imports: [KafkaServerModule.forRoot({ port: 0, host: '127.0.0.1', advertisedHost: '127.0.0.1' }), TestHandlersModule],
      },
      { logger: false },
    );
    await app.init();
    const port = app.get(KafkaServer).address()!.port;
    const client = await ProtocolClient.connect(port);
    const inFlight = client.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, { groupId: '300', generationId: 1, memberId: 'm' });
    await new Promise((r) => setTimeout(r, 20));
    const closing = app.close();
    expect((await inFlight).throttleTimeMs).toBe(300);
    await client.closed;
    await closing;
    await expect(ProtocolClient.connect(port)).rejects.toThrow();
  });
});

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function frame(payload: Buffer): Buffer {
  return Buffer.concat([int32(payload.length), payload]);
}

function withVersion(request: Buffer, version: number): Buffer {
  const copy = Buffer.from(request);
  copy.writeInt16BE(version, 6);
  return copy;
}

/** Keeps the size prefix honest but drops the last bytes of the body. */
function truncate(request: Buffer, drop: number): Buffer {
  return frame(request.subarray(4, request.length - drop));
}

/** Heartbeat v1: header (2+2+4+2) then group id length at payload offset 10; claim 200 bytes. */
function corruptGroupIdLength(request: Buffer): Buffer {
  const copy = Buffer.from(request);
  copy.writeInt16BE(200, 4 + 10);
  return copy;
}

/** Heartbeat v4 (header v2, client id null): the compact group id length sits at payload offset 11; replace it. */
function compactGroupIdLength(request: Buffer, varint: number[]): Buffer {
  const payload = request.subarray(4);
  const groupIdLength = payload[11];
  return frame(Buffer.concat([payload.subarray(0, 11), Buffer.from(varint), payload.subarray(12 + groupIdLength - 1)]));
}

/** Replaces a flexible body's final tagged-field section (one 0 byte when empty) with `section`. */
function lastTaggedFields(request: Buffer, section: number[]): Buffer {
  return frame(Buffer.concat([request.subarray(4, request.length - 1), Buffer.from(section)]));
}
