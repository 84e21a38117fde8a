import { Injectable } from '@nestjs/common';

/**
 * Who this broker says it is in Metadata and FindCoordinator. `advertisedPort` is the configured port,
 * replaced by the bound port once listening (tests listen on port 0).
 */
@Injectable()
export class BrokerIdentity {
  readonly nodeId = 0;
  readonly clusterId = 'streaming-platform-broker';
  advertisedPort: number;

  constructor(
    readonly advertisedHost: string,
    port: number,
  ) {
    this.advertisedPort = port;
  }
}
