import { ApiKey, type ApiVersionsRequest, type ApiVersionsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from './kafka-api';
import { KafkaApiRegistry } from './kafka-api-registry';

/**
 * ApiVersions 0-3: advertises exactly what is registered. Unsupported versions never reach here: the
 * connection answers them in v0 with UNSUPPORTED_VERSION (KIP-511). Client software name/version (v3)
 * are accepted as sent; rejecting them would only push librdkafka back to v0.
 */
@KafkaApi(ApiKey.ApiVersions, { versions: [0, 3] })
export class ApiVersionsHandler implements KafkaHandler<ApiVersionsRequest, ApiVersionsResponse> {
  constructor(private readonly registry: KafkaApiRegistry) {}

  handle(): ApiVersionsResponse {
    return { errorCode: 0, apiKeys: this.registry.advertised(), throttleTimeMs: 0 };
  }
}
