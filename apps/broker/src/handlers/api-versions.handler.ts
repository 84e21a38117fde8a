import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKey, type ApiVersionsRequest, type ApiVersionsResponse } from '@app/kafka-protocol';
import { HandlerRegistry, type KafkaHandler } from '../server/handler-registry';

/**
 * ApiVersions 0-3: advertises exactly what is registered. Unsupported versions never reach here: the
 * connection answers them in v0 with UNSUPPORTED_VERSION (KIP-511). Client software name/version (v3)
 * are accepted as sent; rejecting them would only push librdkafka back to v0.
 */
@Injectable()
export class ApiVersionsHandler implements KafkaHandler<ApiVersionsRequest, ApiVersionsResponse>, OnModuleInit {
  readonly apiKey = ApiKey.ApiVersions;
  readonly minVersion = 0;
  readonly maxVersion = 3;

  constructor(private readonly registry: HandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  handle(): ApiVersionsResponse {
    return { errorCode: 0, apiKeys: this.registry.advertised(), throttleTimeMs: 0 };
  }
}
