import { ApiKey, ErrorCode, type SaslHandshakeRequest, type SaslHandshakeResponse } from '@app/kafka-protocol';
import { SaslAuthenticator } from './sasl/sasl-authenticator';
import { KafkaApi, type KafkaHandler } from './kafka-api';
import type { RequestContext } from './request-context';

/**
 * SaslHandshake 0-1: picks the mechanism. v1 clients then send SaslAuthenticate requests; v0 clients
 * (kafka-python 2.0.2) send bare SASL tokens, so the connection switches framing.
 */
@KafkaApi(ApiKey.SaslHandshake, { versions: [0, 1] })
export class SaslHandshakeHandler implements KafkaHandler<SaslHandshakeRequest, SaslHandshakeResponse> {
  constructor(private readonly sasl: SaslAuthenticator) {}

  handle(req: SaslHandshakeRequest, ctx: RequestContext): SaslHandshakeResponse {
    const mechanisms = this.sasl.mechanisms;
    if (ctx.session.principal !== null || ctx.session.saslExchange !== null) {
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms };
    }
    const exchange = this.sasl.start(req.mechanism);
    if (!exchange) return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms };
    ctx.session.saslExchange = exchange;
    ctx.session.rawSaslFraming = ctx.apiVersion === 0;
    return { errorCode: 0, mechanisms };
  }
}
