/**
 * Typed errors of the protocol library. Everything the decoders throw on bad input is one of
 * these, so the server can tell "the peer sent garbage" from a bug in its own code.
 */
export class KafkaProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The bytes do not decode as the message they claim to be (truncated, negative length, bad varint...). */
export class ProtocolDecodeError extends KafkaProtocolError {}

/** A value cannot be encoded in the requested version (e.g. null where the version has no null). */
export class ProtocolEncodeError extends KafkaProtocolError {}

/** A record batch failed validation; maps to Kafka error CORRUPT_MESSAGE (2). */
export class CorruptRecordBatchError extends KafkaProtocolError {
  readonly errorCode = 2;
}

/** The API key or version is not one this codec (or broker) implements; maps to UNSUPPORTED_VERSION (35). */
export class UnsupportedVersionError extends KafkaProtocolError {
  readonly errorCode = 35;

  constructor(
    readonly apiKey: number,
    readonly apiVersion: number,
    readonly correlationId: number,
  ) {
    super(`unsupported API key ${apiKey} version ${apiVersion}`);
  }
}
