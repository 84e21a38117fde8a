/** Authentication failed: bad credentials or a malformed SASL message. Maps to SASL_AUTHENTICATION_FAILED (58). */
export class SaslAuthenticationError extends Error {
  readonly errorCode = 58;

  constructor(message: string) {
    super(message);
    this.name = 'SaslAuthenticationError';
  }
}

export interface SaslStep {
  /** Bytes for the client (may be empty). */
  response: Buffer;
  /** Set when the exchange completed successfully. */
  principal?: string;
}

/** Server side of one SASL exchange on one connection; evaluate() throws SaslAuthenticationError on failure. */
export interface SaslExchange {
  evaluate(token: Buffer): SaslStep;
}
