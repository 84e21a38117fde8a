import { Registry } from 'prom-client';
import { ApiVersionsHandler } from '../../apps/broker/src/handlers/api-versions.handler';
import { CreateTopicsHandler } from '../../apps/broker/src/handlers/create-topics.handler';
import { FetchHandler } from '../../apps/broker/src/handlers/fetch.handler';
import { InitProducerIdHandler } from '../../apps/broker/src/handlers/init-producer-id.handler';
import { ListOffsetsHandler } from '../../apps/broker/src/handlers/list-offsets.handler';
import { MetadataHandler } from '../../apps/broker/src/handlers/metadata.handler';
import { ProduceHandler } from '../../apps/broker/src/handlers/produce.handler';
import { ProducerIdAllocator } from '../../apps/broker/src/producers/producer-id-allocator';
import { SASL_DISABLED } from '../../apps/broker/src/sasl/sasl-config';
import { SaslAuthenticator } from '../../apps/broker/src/sasl/sasl-authenticator';
import { BrokerIdentity } from '../../apps/broker/src/server/broker-identity';
import { HandlerRegistry } from '../../apps/broker/src/server/handler-registry';
import { KafkaServer } from '../../apps/broker/src/server/kafka-server';
import { ProtocolMetrics } from '../../apps/broker/src/server/protocol-metrics';
import { storageSettingsFromEnv } from '../../apps/broker/src/topics/storage-settings';
import { TopicRegistry } from '../../apps/broker/src/topics/topic-registry';

/**
 * The broker's Kafka data plane assembled from its plain classes, without Nest (tsx emits no decorator
 * metadata). Same server, handlers and storage as the app; no group coordinator (benchmarks read by
 * partition assignment).
 */
export async function startPlainBroker(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
  const topics = new TopicRegistry(storageSettingsFromEnv({ ...env, BROKER_DATA_DIR: dataDir }));
  await topics.start();
  const registry = new HandlerRegistry();
  const identity = new BrokerIdentity('127.0.0.1', 0);
  const handlers = [
    new ApiVersionsHandler(registry),
    new MetadataHandler(registry, topics, identity),
    new ProduceHandler(registry, topics),
    new FetchHandler(registry, topics),
    new ListOffsetsHandler(registry, topics),
    new CreateTopicsHandler(registry, topics, identity),
    new InitProducerIdHandler(registry, new ProducerIdAllocator(dataDir)),
  ];
  for (const h of handlers) h.onModuleInit();
  const metricsRegistry = new Registry();
  const server = new KafkaServer(
    { port: 0, host: '127.0.0.1', advertisedHost: '127.0.0.1' },
    registry,
    new ProtocolMetrics(metricsRegistry),
    new SaslAuthenticator(SASL_DISABLED),
    identity,
  );
  await server.onApplicationBootstrap();
  return {
    port: server.address()!.port,
    topics,
    identity,
    metrics: metricsRegistry,
    async stop() {
      await server.beforeApplicationShutdown();
      await topics.stop();
    },
  };
}
