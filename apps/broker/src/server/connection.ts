import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import {
  API_NAMES,
  ApiKey,
  KafkaProtocolError,
  decodeRequest,
  encodeResponse,
  peekRequestKey,
  type RequestKey,
} from '@app/kafka-protocol';
import type { BufferPool } from '../buffers/buffer-pool';
import type { SaslAuthenticator } from './sasl/sasl-authenticator';
import { SaslAuthenticationError } from './sasl/sasl-exchange';
import { ConnectionSession } from './connection-session';
import { type Frame, FrameDecoder, InvalidFrameSizeError } from './frame-decoder';
import { NO_RESPONSE } from './kafka-api';
import type { KafkaApiRegistry } from './kafka-api-registry';
import type { ProtocolMetrics } from './protocol-metrics';
import type { RequestContext } from './request-context';
import { PooledRequestBytes, UNPOOLED_REQUEST_BYTES, type RequestBytes } from './request-bytes';
import { readIntoOneBuffer } from './one-read-buffer-socket';
import { ResponseQueue } from './response-queue';
import { TickWriter } from './tick-writer';

export interface ConnectionLimits {
  /** socket.request.max.bytes: larger frames are refused and the connection closed. */
  maxRequestBytes: number;
  /** Stop reading from a client with this many requests awaiting responses (pipelining bound). */
  maxInFlightRequests: number;
  /** Stop reading while this many response bytes wait in the socket's buffer (slow reader). */
  maxBufferedResponseBytes: number;
}

export interface ConnectionDeps {
  registry: KafkaApiRegistry;
  metrics: ProtocolMetrics;
  sasl: SaslAuthenticator;
  limits: ConnectionLimits;
  logger: Logger;
  /** Where large request frames are assembled (shared by the connections of a listener). */
  frameBuffers?: BufferPool;
  /** Frames at least this large come from `frameBuffers` (default 64 KiB; tests use 0 to pool every frame). */
  pooledFrameMinBytes?: number;
}

/** Requests allowed before SASL authentication completes, as in Apache Kafka. */
const PRE_AUTH_APIS = new Set<number>([ApiKey.ApiVersions, ApiKey.SaslHandshake, ApiKey.SaslAuthenticate]);

function runAll(callbacks: Array<() => void>): void {
  for (const callback of callbacks) callback();
}

/** A request the connection cannot answer in the protocol: the connection is closed with this reason. */
class CloseConnection extends Error {}

/** The encoded response and the body it came from (for the error metrics), or null when nothing is sent back. */
type Outcome = { chunks: Buffer[]; body: unknown } | null;
type ResponseSlot = (chunks: Buffer[] | null, written?: () => void) => void;

/** A response `dispatch` encoded itself, in another version than the request's (KIP-511's ApiVersions v0 answer). */
class EncodedResponse {
  constructor(
    readonly chunks: Buffer[],
    readonly body: unknown,
  ) {}
}

function encodeOutcome(key: RequestKey, result: unknown): Outcome {
  if (result instanceof EncodedResponse) return result;
  if (result === NO_RESPONSE) return null;
  return { chunks: encodeResponse(key.apiKey, key.apiVersion, key.correlationId, result), body: result };
}

/**
 * One client connection: frames in, handlers run concurrently, responses out in request order.
 * Bad input closes this connection only; nothing here throws into the server.
 */
export class Connection {
  readonly session = new ConnectionSession();
  private readonly decoder: FrameDecoder;
  private readonly queue: ResponseQueue;
  private readonly abort = new AbortController();
  private readonly clientHost: string;
  private closing = false;
  private paused = false;
  private idleWaiters: Array<() => void> = [];
  private readonly socket: Socket;
  private readonly out: TickWriter;

  /** `accepted`: a socket net.Server accepted with pauseOnConnect; the connection reads it into one reused buffer. */
  constructor(
    accepted: Socket,
    readonly id: number,
    private readonly deps: ConnectionDeps,
  ) {
    const socket = readIntoOneBuffer(accepted, (chunk) => this.onData(chunk));
    this.socket = socket;
    this.out = new TickWriter(socket);
    this.clientHost = socket.remoteAddress ?? 'unknown';
    this.decoder = new FrameDecoder(deps.limits.maxRequestBytes, deps.frameBuffers, deps.pooledFrameMinBytes);
    this.queue = new ResponseQueue((chunks, written) => this.write(chunks, written));
    socket.setNoDelay(true);
    socket.on('drain', () => this.updateFlow());
    socket.on('error', (err) => deps.logger.debug({ connection: id, err: err.message }, 'kafka connection error'));
    socket.on('close', () => {
      this.closing = true;
      this.abort.abort();
      this.notifyIdle();
    });
  }

  /** Stops reading, ends pending long waits, lets in-flight requests answer, then closes. */
  async drainAndClose(timeoutMs: number): Promise<void> {
    this.closing = true;
    this.socket.pause();
    this.abort.abort();
    if (this.queue.inFlight > 0 && !this.socket.destroyed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.out.flush();
      this.socket.end();
      setTimeout(() => this.socket.destroy(), Math.min(timeoutMs, 1000)).unref();
    });
  }

  private close(reason: string, details: Record<string, unknown> = {}): void {
    if (this.socket.destroyed) return;
    this.deps.logger.warn({ connection: this.id, clientHost: this.clientHost, reason, ...details }, 'closing kafka connection');
    this.deps.metrics.closedForBadInputReason(reason);
    this.closing = true;
    this.abort.abort();
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      const reason = err instanceof InvalidFrameSizeError && err.size > 0 ? 'request-too-large' : 'bad-frame-size';
      this.close(reason, { error: (err as Error).message });
      return;
    }
    for (const frame of frames) {
      if (this.closing) break;
      this.onFrame(frame);
    }
    this.updateFlow();
  }

  private onFrame({ bytes: frame, lease }: Frame): void {
    const slot = this.queue.reserve();
    const afterWrite: Array<() => void> = [];
    // The connection's reference to the frame (see request-bytes.ts), dropped once the response is written.
    const requestBytes = lease ? new PooledRequestBytes(lease) : UNPOOLED_REQUEST_BYTES;
    if (lease) afterWrite.push(() => requestBytes.release());
    if (this.session.rawSaslFraming) {
      this.handleRawSasl(frame, (chunks) => this.respond(slot, chunks, afterWrite));
      return;
    }
    let key: RequestKey;
    try {
      key = peekRequestKey(frame);
    } catch (err) {
      this.close('bad-request-header', { error: (err as Error).message });
      requestBytes.release();
      return;
    }
    this.deps.metrics.request(key.apiKey, key.apiVersion, frame.length);
    const started = performance.now();
    let result: unknown;
    try {
      result = this.dispatch(frame, key, afterWrite, requestBytes);
    } catch (err) {
      this.fail(key, err);
      this.respond(slot, null, afterWrite);
      return;
    }
    // Handlers that answer at once (Heartbeat) are answered in this tick: no promise, no microtask per request. The
    // others are encoded and answered in one reaction to the handler's promise.
    if (result instanceof Promise) {
      result.then(
        (body: unknown) => this.finish(slot, key, started, body, afterWrite),
        (err: unknown) => {
          this.fail(key, err);
          this.respond(slot, null, afterWrite);
        },
      );
    } else {
      this.finish(slot, key, started, result, afterWrite);
    }
  }

  /** Encodes the handler's answer and puts it in its slot; an answer that cannot be encoded closes the connection. */
  private finish(slot: ResponseSlot, key: RequestKey, started: number, result: unknown, afterWrite: Array<() => void>): void {
    let out: Outcome;
    try {
      out = encodeOutcome(key, result);
    } catch (err) {
      this.fail(key, err);
      this.respond(slot, null, afterWrite);
      return;
    }
    if (out) {
      let bytes = 0;
      for (const c of out.chunks) bytes += c.length;
      this.deps.metrics.response(key.apiKey, bytes, (performance.now() - started) / 1000, out.body);
    }
    this.respond(slot, out ? out.chunks : null, afterWrite);
  }

  private respond(slot: ResponseSlot, chunks: Buffer[] | null, afterWrite: Array<() => void>): void {
    slot(chunks, afterWrite.length > 0 ? () => runAll(afterWrite) : undefined);
    this.updateFlow();
    if (this.queue.inFlight === 0) this.notifyIdle();
  }

  private fail(key: RequestKey, err: unknown): void {
    const api = API_NAMES.get(key.apiKey) ?? key.apiKey;
    if (err instanceof CloseConnection) {
      this.close(err.message, { api, apiVersion: key.apiVersion, correlationId: key.correlationId });
    } else if (err instanceof KafkaProtocolError) {
      this.close('malformed-request', { api, apiVersion: key.apiVersion, error: err.message });
    } else {
      this.deps.logger.error(
        { connection: this.id, api, apiVersion: key.apiVersion, err: err instanceof Error ? err.stack : String(err) },
        'kafka request handler failed',
      );
      this.close('handler-error', { api });
    }
  }

  /** Decodes and runs one request: the handler's answer (or its promise); throws (or rejects) to close the connection. */
  private dispatch(frame: Buffer, key: RequestKey, afterWrite: Array<() => void>, requestBytes: RequestBytes): unknown {
    const { registry, sasl } = this.deps;
    const api = registry.get(key.apiKey);
    if (!api) throw new CloseConnection('unknown-api-key');
    if (!registry.supports(key.apiKey, key.apiVersion)) {
      if (key.apiKey === ApiKey.ApiVersions) {
        // KIP-511: answer in v0 with UNSUPPORTED_VERSION and our ApiVersions range so the client can retry lower.
        const body = { errorCode: 35, apiKeys: [{ apiKey: api.apiKey, minVersion: api.minVersion, maxVersion: api.maxVersion }] };
        return new EncodedResponse(encodeResponse(ApiKey.ApiVersions, 0, key.correlationId, body), body);
      }
      throw new CloseConnection('unsupported-version');
    }
    if (sasl.enabled && this.session.principal === null && !PRE_AUTH_APIS.has(key.apiKey)) {
      throw new CloseConnection('unauthenticated-request');
    }
    const { header, body } = decodeRequest(frame);
    const ctx: RequestContext = {
      apiKey: key.apiKey,
      apiVersion: key.apiVersion,
      correlationId: key.correlationId,
      clientId: header.clientId ?? null,
      clientHost: this.clientHost,
      connectionId: this.id,
      principal: this.session.principal,
      signal: this.abort.signal,
      session: this.session,
      afterResponseWritten: (callback) => afterWrite.push(callback),
      requestBytes,
    };
    return api.handler.handle(body, ctx);
  }

  /** SaslHandshake v0 framing: a bare token in, a bare token out; failure closes the connection. */
  private handleRawSasl(frame: Buffer, respond: (chunks: Buffer[] | null) => void): void {
    const exchange = this.session.saslExchange;
    try {
      if (!exchange) throw new SaslAuthenticationError('no SASL exchange in progress');
      const step = exchange.evaluate(frame);
      const size = Buffer.allocUnsafe(4);
      size.writeInt32BE(step.response.length, 0);
      if (step.principal !== undefined) {
        this.session.principal = step.principal;
        this.session.rawSaslFraming = false;
        this.session.saslExchange = null;
      }
      respond([size, step.response]);
    } catch (err) {
      respond(null);
      this.close('sasl-authentication-failed', { error: (err as Error).message });
    }
  }

  /** Responses released in one tick go out in one write (tick-writer.ts). */
  private write(chunks: Buffer[], written?: () => void): void {
    if (this.socket.destroyed) {
      written?.();
      return;
    }
    const last = chunks.length - 1;
    for (let i = 0; i < last; i++) this.out.write(chunks[i]);
    if (last >= 0) this.out.write(chunks[last], written);
    else written?.();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Pauses reading from a client that pipelines too much or does not read its responses. */
  private updateFlow(): void {
    if (this.closing) return;
    const { maxInFlightRequests, maxBufferedResponseBytes } = this.deps.limits;
    const overloaded = this.queue.inFlight >= maxInFlightRequests || this.socket.writableLength >= maxBufferedResponseBytes;
    if (overloaded && !this.paused) {
      this.paused = true;
      this.socket.pause();
    } else if (!overloaded && this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }
}
