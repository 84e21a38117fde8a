import { ApiKey, EMPTY_BYTES, ErrorCode, type SaslAuthenticateRequest, type SaslAuthenticateResponse } from '@app/kafka-protocol';
import { SaslAuthenticationError } from './sasl/sasl-exchange';
import { KafkaApi, type KafkaHandler } from './kafka-api';
import type { RequestContext } from './request-context';

/**
 * SaslAuthenticate 0-2: one step of the exchange SaslHandshake started (librdkafka v0, kafkajs v1, flexible-only
 * clients v2, which is v1 in the flexible encoding).
 */
@KafkaApi(ApiKey.SaslAuthenticate, { versions: [0, 2] })
export class SaslAuthenticateHandler implements KafkaHandler<SaslAuthenticateRequest, SaslAuthenticateResponse> {
  handle(req: SaslAuthenticateRequest, ctx: RequestContext): SaslAuthenticateResponse {
    const exchange = ctx.session.saslExchange;
    if (!exchange) {
      return {
        errorCode: ErrorCode.ILLEGAL_SASL_STATE,
        errorMessage: 'SaslAuthenticate without a preceding SaslHandshake',
        authBytes: EMPTY_BYTES,
      };
    }
    try {
      const step = exchange.evaluate(req.authBytes);
      if (step.principal !== undefined) {
        ctx.session.principal = step.principal;
        ctx.session.saslExchange = null;
      }
      return { errorCode: 0, errorMessage: null, authBytes: step.response, sessionLifetimeMs: 0n };
    } catch (err) {
      if (!(err instanceof SaslAuthenticationError)) throw err;
      ctx.session.saslExchange = null;
      return { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: err.message, authBytes: EMPTY_BYTES };
    }
  }
}
