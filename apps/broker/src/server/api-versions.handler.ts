import { ApiKey, type ApiVersionsRequest, type ApiVersionsResponse } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from './kafka-api';
import { KafkaApiRegistry } from './kafka-api-registry';

/**
 * ApiVersions 0-4: advertises exactly what is registered. Unsupported versions never reach here: the
 * connection answers them in v0 with UNSUPPORTED_VERSION (KIP-511). Client software name/version (v3+)
 * are accepted as sent; rejecting them would only push librdkafka back to v0. v4 only widens what the
 * response may carry (features with min version 0, KAFKA-17011); no features are advertised here.
 * The response header is v0 in every version, flexible ones included (KIP-511).
 */
@KafkaApi(ApiKey.ApiVersions, { versions: [0, 4] })
export class ApiVersionsHandler implements KafkaHandler<ApiVersionsRequest, ApiVersionsResponse> {
  constructor(private readonly registry: KafkaApiRegistry) {}

  handle(): ApiVersionsResponse {
    return { errorCode: 0, apiKeys: this.registry.advertised(), throttleTimeMs: 0 };
  }
}
