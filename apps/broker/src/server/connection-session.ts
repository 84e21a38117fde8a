import type { SaslExchange } from './sasl/sasl-exchange';

/** Per-connection state that handlers read and change (SASL progress, produce ordering). */
export class ConnectionSession {
  /** Authenticated SASL user; null until authenticated (and always when SASL is off). */
  principal: string | null = null;
  /** The exchange started by SaslHandshake, consumed by SaslAuthenticate or raw frames. */
  saslExchange: SaslExchange | null = null;
  /** After SaslHandshake v0 the client sends raw SASL tokens without Kafka headers (kafka-python 2.0.2). */
  rawSaslFraming = false;
  /**
   * Settles when the previous Produce on this connection has handed its batches to the logs, so a
   * pipelining producer's batches are appended in the order it sent them.
   */
  produceIssued: Promise<void> = Promise.resolve();
}
