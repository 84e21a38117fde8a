import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Registry } from 'prom-client';
import { ApiVersionsHandler } from './api-versions.handler';
import { SaslAuthenticateHandler } from './sasl-authenticate.handler';
import { SaslHandshakeHandler } from './sasl-handshake.handler';
import { SASL_DISABLED } from './sasl/sasl-config';
import { SaslAuthenticator } from './sasl/sasl-authenticator';
import { BrokerIdentity } from './broker-identity';
import { KafkaApiRegistry } from './kafka-api-registry';
import { KAFKA_SERVER_OPTIONS, type KafkaServerOptions } from './kafka-server-options';
import { KafkaServer } from './kafka-server';
import { ProtocolMetrics } from './protocol-metrics';

/**
 * The Kafka listener with its connection-level APIs (ApiVersions, SASL). The listener answers every
 * provider marked @KafkaApi in any module (KafkaApiRegistry finds them by discovery). Global, so
 * FindCoordinator can inject BrokerIdentity. Metrics go to the app's prom-client Registry (from
 * PlatformModule) when one is provided.
 */
@Module({})
export class KafkaServerModule {
  static forRoot(options: KafkaServerOptions): DynamicModule {
    return {
      module: KafkaServerModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: KAFKA_SERVER_OPTIONS, useValue: options },
        KafkaApiRegistry,
        { provide: BrokerIdentity, useFactory: () => new BrokerIdentity(options.advertisedHost, options.port) },
        { provide: SaslAuthenticator, useFactory: () => new SaslAuthenticator(options.sasl ?? SASL_DISABLED) },
        {
          provide: ProtocolMetrics,
          useFactory: (registry?: Registry) => new ProtocolMetrics(registry ?? new Registry()),
          inject: [{ token: Registry, optional: true }],
        },
        KafkaServer,
        ApiVersionsHandler,
        SaslHandshakeHandler,
        SaslAuthenticateHandler,
      ],
      exports: [KafkaApiRegistry, BrokerIdentity, ProtocolMetrics, KafkaServer, KAFKA_SERVER_OPTIONS],
    };
  }
}
