import { connect, type Socket } from 'node:net';
import { decodeResponse, encodeRequest, type ConsumerGroupHeartbeatRequest } from '@app/kafka-protocol';

/**
 * A minimal Kafka client for protocol tests: sends encoded requests (or raw bytes), matches responses
 * by correlation id and records when the server closes the connection.
 */
export class ProtocolClient {
  private buffered = Buffer.alloc(0);
  private nextCorrelationId = 1;
  private readonly pending = new Map<number, { apiKey: number; version: number; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Correlation ids in the order responses arrived. */
  readonly arrivalOrder: number[] = [];
  readonly rawFrames: Buffer[] = [];
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
    });
  }

  static connect(port: number): Promise<ProtocolClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(new ProtocolClient(socket)));
      socket.once('error', reject);
    });
  }

  send<T = unknown>(apiKey: number, version: number, body: unknown, clientId: string | null = 'protocol-test'): Promise<T> {
    const correlationId = this.nextCorrelationId++;
    const promise = new Promise<T>((resolve, reject) =>
      this.pending.set(correlationId, { apiKey, version, resolve: resolve as (v: unknown) => void, reject }),
    );
    this.socket.write(encodeRequest(apiKey, version, correlationId, clientId, body));
    return promise;
  }

  /** Sends a request whose response is not expected (acks=0); returns its correlation id. */
  sendNoResponse(apiKey: number, version: number, body: unknown): number {
    const correlationId = this.nextCorrelationId++;
    this.socket.write(encodeRequest(apiKey, version, correlationId, 'protocol-test', body));
    return correlationId;
  }

  /** Expects the next response frame to answer this request in `responseVersion` (ApiVersions fallback). */
  expectResponse<T>(correlationId: number, apiKey: number, responseVersion: number): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.pending.set(correlationId, { apiKey, version: responseVersion, resolve: resolve as (v: unknown) => void, reject }),
    );
  }

  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) break;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      this.rawFrames.push(Buffer.from(frame));
      if (frame.length < 4) continue;
      const correlationId = frame.readInt32BE(0);
      const p = this.pending.get(correlationId);
      if (!p) continue;
      this.pending.delete(correlationId);
      this.arrivalOrder.push(correlationId);
      try {
        p.resolve(decodeResponse(p.apiKey, p.version, frame).body);
      } catch (err) {
        p.reject(err as Error);
      }
    }
  }
}

/**
 * A ConsumerGroupHeartbeat (KIP-848) request body. What is not given is the protocol's "unchanged since the last
 * heartbeat" (-1 or null), so a caller names exactly what its heartbeat carries: a join or a full request sets the
 * rebalance timeout, the subscription and the owned partitions; a leave sets only the epoch.
 */
export function consumerGroupHeartbeatRequest(
  fields: Pick<ConsumerGroupHeartbeatRequest, 'groupId' | 'memberId' | 'memberEpoch'> & Partial<ConsumerGroupHeartbeatRequest>,
): ConsumerGroupHeartbeatRequest {
  return {
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: -1,
    subscribedTopicNames: null,
    subscribedTopicRegex: null,
    serverAssignor: null,
    topicPartitions: null,
    ...fields,
  };
}
