import type { BufferPool } from '../buffers/buffer-pool';
import type { SaslOptions } from './sasl/sasl-config';

export const KAFKA_SERVER_OPTIONS = Symbol('KAFKA_SERVER_OPTIONS');

export interface KafkaServerOptions {
  /** BROKER_PORT; 0 picks a free port (tests), which is then advertised. */
  port: number;
  /** Interface to bind; all interfaces when omitted. */
  host?: string;
  /** BROKER_ADVERTISED_HOST: the host clients are told to connect to. */
  advertisedHost: string;
  /** socket.request.max.bytes (Apache default 100 MiB). */
  maxRequestBytes?: number;
  sasl?: SaslOptions;
  /** How long shutdown waits for in-flight requests before closing connections anyway. */
  shutdownTimeoutMs?: number;
  /** Where large request frames are assembled; by default a pool of this listener keeping 32 MiB idle. */
  frameBuffers?: BufferPool;
  /** Frames at least this large come from `frameBuffers` (default 64 KiB; 0 pools every frame, as a test does). */
  pooledFrameMinBytes?: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;
