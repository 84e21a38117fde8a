import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { BufferPool } from '../buffers/buffer-pool';
import { SaslAuthenticator } from './sasl/sasl-authenticator';
import { BrokerIdentity } from './broker-identity';
import { Connection } from './connection';
import { KafkaApiRegistry } from './kafka-api-registry';
import { DEFAULT_MAX_REQUEST_BYTES, KAFKA_SERVER_OPTIONS, type KafkaServerOptions } from './kafka-server-options';
import { ProtocolMetrics } from './protocol-metrics';

/**
 * The Kafka TCP listener. Starts on application bootstrap, once KafkaApiRegistry has discovered every handler, and on shutdown stops
 * accepting, lets in-flight requests answer (long polls end early), then closes connections.
 */
@Injectable()
export class KafkaServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KafkaServer');
  private readonly connections = new Set<Connection>();
  private readonly frameBuffers: BufferPool;
  private server: Server | undefined;
  private nextId = 1;

  constructor(
    @Inject(KAFKA_SERVER_OPTIONS) private readonly options: KafkaServerOptions,
    private readonly registry: KafkaApiRegistry,
    private readonly metrics: ProtocolMetrics,
    private readonly sasl: SaslAuthenticator,
    private readonly identity: BrokerIdentity,
  ) {
    // Idle request-frame buffers kept across connections: a few batched Produce requests' worth.
    this.frameBuffers = options.frameBuffers ?? new BufferPool(32 * 1024 * 1024);
  }

  /** The bound address; undefined before start. */
  address(): AddressInfo | undefined {
    const addr = this.server?.address();
    return addr && typeof addr === 'object' ? addr : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Paused, so that each Connection can move the socket onto one that reads into a reused buffer.
    const server = createServer({ pauseOnConnect: true }, (socket) => this.accept(socket));
    server.on('error', (err) => this.logger.error({ err: err.message }, 'kafka listener error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.options.port, host: this.options.host }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const port = this.address()?.port ?? this.options.port;
    this.identity.advertisedPort = port;
    this.logger.log({ port, advertisedHost: this.identity.advertisedHost, sasl: this.sasl.enabled }, 'kafka listener started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const timeout = this.options.shutdownTimeoutMs ?? 10_000;
    await Promise.all([...this.connections].map((c) => c.drainAndClose(timeout)));
    await closed;
    this.logger.log('kafka listener stopped');
  }

  private accept(socket: Socket): void {
    const connection = new Connection(socket, this.nextId++, {
      registry: this.registry,
      metrics: this.metrics,
      sasl: this.sasl,
      logger: this.logger,
      frameBuffers: this.frameBuffers,
      pooledFrameMinBytes: this.options.pooledFrameMinBytes,
      limits: {
        maxRequestBytes: this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
        maxInFlightRequests: 128,
        maxBufferedResponseBytes: 16 * 1024 * 1024,
      },
    });
    this.connections.add(connection);
    this.metrics.connectionOpened();
    socket.on('close', () => {
      this.connections.delete(connection);
      this.metrics.connectionClosed();
    });
  }
}
