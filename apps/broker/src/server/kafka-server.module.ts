import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ApiVersionsHandler } from '../handlers/api-versions.handler';
import { SaslAuthenticateHandler } from '../handlers/sasl-authenticate.handler';
import { SaslHandshakeHandler } from '../handlers/sasl-handshake.handler';
import { SASL_DISABLED } from '../sasl/sasl-config';
import { SaslAuthenticator } from '../sasl/sasl-authenticator';
import { BrokerIdentity } from './broker-identity';
import { HandlerRegistry } from './handler-registry';
import { KAFKA_SERVER_OPTIONS, type KafkaServerOptions } from './kafka-server-options';
import { KafkaServer } from './kafka-server';
import { ProtocolMetrics } from './protocol-metrics';

/**
 * The Kafka listener with its connection-level APIs (ApiVersions, SASL). Global, so feature modules
 * (data plane handlers, the group coordinator) inject HandlerRegistry and BrokerIdentity to register.
 * Metrics go to the app's prom-client Registry (from PlatformModule) when one is provided.
 */
@Module({})
export class KafkaServerModule {
  static forRoot(options: KafkaServerOptions): DynamicModule {
    return {
      module: KafkaServerModule,
      global: true,
      providers: [
        { provide: KAFKA_SERVER_OPTIONS, useValue: options },
        HandlerRegistry,
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
      exports: [HandlerRegistry, BrokerIdentity, ProtocolMetrics, KafkaServer, KAFKA_SERVER_OPTIONS],
    };
  }
}
