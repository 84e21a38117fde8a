import { Registry } from 'prom-client';
import { ApiVersionsHandler } from '../../apps/broker/src/server/api-versions.handler';
import { CreateTopicsHandler } from '../../apps/broker/src/storage/handlers/create-topics.handler';
import { FetchHandler } from '../../apps/broker/src/storage/handlers/fetch.handler';
import { InitProducerIdHandler } from '../../apps/broker/src/storage/handlers/init-producer-id.handler';
import { ListOffsetsHandler } from '../../apps/broker/src/storage/handlers/list-offsets.handler';
import { MetadataHandler } from '../../apps/broker/src/storage/handlers/metadata.handler';
import { ProduceHandler } from '../../apps/broker/src/storage/handlers/produce.handler';
import { ProducerIdAllocator } from '../../apps/broker/src/storage/producers/producer-id-allocator';
import { SASL_DISABLED } from '../../apps/broker/src/server/sasl/sasl-config';
import { SaslAuthenticator } from '../../apps/broker/src/server/sasl/sasl-authenticator';
import { BrokerIdentity } from '../../apps/broker/src/server/broker-identity';
import { KafkaApiRegistry } from '../../apps/broker/src/server/kafka-api-registry';
import { KafkaServer } from '../../apps/broker/src/server/kafka-server';
import { ProtocolMetrics } from '../../apps/broker/src/server/protocol-metrics';
import { storageSettingsFromEnv } from '../../apps/broker/src/storage/topics/storage-settings';
import { TopicRegistry } from '../../apps/broker/src/storage/topics/topic-registry';

/**
 * The broker's Kafka data plane assembled from its plain classes, without Nest (tsx emits no decorator
 * metadata); each handler's @KafkaApi declaration still tells the registry what it answers. Same server, handlers and storage as the app; no group coordinator (benchmarks read by
 * partition assignment).
 */
export async function startPlainBroker(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
  const topics = new TopicRegistry(storageSettingsFromEnv({ ...env, BROKER_DATA_DIR: dataDir }));
  await topics.start();
  const registry = new KafkaApiRegistry();
  const identity = new BrokerIdentity('127.0.0.1', 0);
  for (const handler of [
    new ApiVersionsHandler(registry),
    new MetadataHandler(topics, identity),
    new ProduceHandler(topics),
    new FetchHandler(topics),
    new ListOffsetsHandler(topics),
    new CreateTopicsHandler(topics, identity),
    new InitProducerIdHandler(new ProducerIdAllocator(dataDir)),
  ]) {
    registry.add(handler);
  }
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
