import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { decodeConsumerProtocolSubscription } from '@app/kafka-protocol';
import { Registry } from 'prom-client';
import { systemClock } from '../../apps/broker/src/coordinator/time/clock';
import { coordinatorConfigFrom, loadCoordinatorEnv } from '../../apps/broker/src/coordinator/config/coordinator-config';
import { CoordinatorMetrics } from '../../apps/broker/src/coordinator/metrics/coordinator-metrics';
import type { TopicMetadata } from '../../apps/broker/src/coordinator/consumer/topic-metadata';
import { GroupCoordinator } from '../../apps/broker/src/coordinator/group-coordinator';
import { ConsumerGroupDescribeHandler } from '../../apps/broker/src/coordinator/handlers/consumer-group-describe.handler';
import { ConsumerGroupHeartbeatHandler } from '../../apps/broker/src/coordinator/handlers/consumer-group-heartbeat.handler';
import { DeleteGroupsHandler } from '../../apps/broker/src/coordinator/handlers/delete-groups.handler';
import { DescribeGroupsHandler } from '../../apps/broker/src/coordinator/handlers/describe-groups.handler';
import { FindCoordinatorHandler } from '../../apps/broker/src/coordinator/handlers/find-coordinator.handler';
import { HeartbeatHandler } from '../../apps/broker/src/coordinator/handlers/heartbeat.handler';
import { JoinGroupHandler } from '../../apps/broker/src/coordinator/handlers/join-group.handler';
import { LeaveGroupHandler } from '../../apps/broker/src/coordinator/handlers/leave-group.handler';
import { ListGroupsHandler } from '../../apps/broker/src/coordinator/handlers/list-groups.handler';
import { OffsetCommitHandler } from '../../apps/broker/src/coordinator/handlers/offset-commit.handler';
import { OffsetFetchHandler } from '../../apps/broker/src/coordinator/handlers/offset-fetch.handler';
import { SyncGroupHandler } from '../../apps/broker/src/coordinator/handlers/sync-group.handler';
import { FileGroupStore } from '../../apps/broker/src/coordinator/persistence/file-group-store';
import { mirrorToOffsetsTopic } from '../../apps/broker/src/coordinator/offsets-topic/offsets-topic-mirror';
import { storageSettingsFromEnv } from '../../apps/broker/src/storage/topics/storage-settings';
import { TopicRegistry } from '../../apps/broker/src/storage/topics/topic-registry';
import { ApiVersionsHandler } from '../../apps/broker/src/server/api-versions.handler';
import { SASL_DISABLED } from '../../apps/broker/src/server/sasl/sasl-config';
import { SaslAuthenticator } from '../../apps/broker/src/server/sasl/sasl-authenticator';
import { BrokerIdentity } from '../../apps/broker/src/server/broker-identity';
import { KafkaApiRegistry } from '../../apps/broker/src/server/kafka-api-registry';
import { KafkaServer } from '../../apps/broker/src/server/kafka-server';
import { ProtocolMetrics } from '../../apps/broker/src/server/protocol-metrics';

/**
 * The broker's Kafka listener with the group coordinator and its handlers, assembled from the plain classes
 * (tsx emits no decorator metadata, so no Nest). Same server, handlers, coordinator and group log as the app;
 * events go nowhere (the Redis publisher is best effort and not what is measured). Every change is also written to
 * `__consumer_offsets` in the broker's storage, as the app does (BROKER_OFFSETS_TOPIC=false leaves it out, to
 * compare). Offset commits are accepted for any partition: the data plane is not part of this benchmark. KIP-848
 * groups (ConsumerGroupHeartbeat, ConsumerGroupDescribe) assign the partitions of the topics BENCH_TOPICS names.
 */
export async function startCoordinatorBroker(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
  const coordinatorEnv = loadCoordinatorEnv(env);
  const store = new FileGroupStore({
    dir: join(dataDir, '__coordinator'),
    fsync: coordinatorEnv.BROKER_GROUP_LOG_FSYNC,
    compactRatio: coordinatorEnv.BROKER_GROUP_LOG_COMPACT_RATIO,
    compactMinBytes: coordinatorEnv.BROKER_GROUP_LOG_COMPACT_MIN_BYTES,
  });
  const { loaded } = await store.open();
  const topics = new TopicRegistry(storageSettingsFromEnv({ ...env, BROKER_DATA_DIR: dataDir }));
  const mirror =
    env.BROKER_OFFSETS_TOPIC === 'false'
      ? null
      : await mirrorToOffsetsTopic({ log: store, loaded, state: () => store.snapshot(), topics, partitions: coordinatorEnv.BROKER_OFFSETS_TOPIC_NUM_PARTITIONS, onCountMismatch: () => undefined, onTopicError: (e) => console.error(e) });
  const registry = new Registry();
  const metrics = new CoordinatorMetrics(registry);
  const topicMetadata = benchTopicMetadata(topics, env.BENCH_TOPICS ?? '');
  const coordinator = new GroupCoordinator({
    config: coordinatorConfigFrom(coordinatorEnv),
    clock: systemClock,
    store: mirror?.store ?? store,
    events: { publish: () => undefined },
    observer: metrics,
    subscribedTopics: (metadata) => decodeConsumerProtocolSubscription(metadata).topics,
    topics: topicMetadata,
  });
  coordinator.restore(loaded);
  coordinator.start();
  metrics.watch(() => coordinator.stats());

  const handlers = new KafkaApiRegistry();
  const identity = new BrokerIdentity('127.0.0.1', 0);
  for (const handler of [
    new ApiVersionsHandler(handlers),
    new FindCoordinatorHandler(identity),
    new JoinGroupHandler(coordinator.classic),
    new SyncGroupHandler(coordinator.classic),
    new HeartbeatHandler(coordinator.classic),
    new LeaveGroupHandler(coordinator.classic),
    new OffsetCommitHandler(coordinator.offsets, () => true),
    new OffsetFetchHandler(coordinator.offsets),
    new DescribeGroupsHandler(coordinator.groups),
    new ListGroupsHandler(coordinator.groups),
    new DeleteGroupsHandler(coordinator.classic),
    new ConsumerGroupHeartbeatHandler(coordinator.consumer, topicMetadata),
    new ConsumerGroupDescribeHandler(coordinator.consumer, topicMetadata),
  ]) {
    handlers.add(handler);
  }
  const server = new KafkaServer(
    { port: 0, host: '127.0.0.1', advertisedHost: '127.0.0.1' },
    handlers,
    new ProtocolMetrics(registry),
    new SaslAuthenticator(SASL_DISABLED),
    identity,
  );
  await server.onApplicationBootstrap();
  return {
    port: server.address()!.port,
    coordinator,
    store,
    async close() {
      await server.beforeApplicationShutdown();
      coordinator.shutdown();
      await store.close();
      await mirror?.close();
      await topics.stop();
    },
  };
}

/**
 * The topics KIP-848 assignment sees: the broker's own (`__consumer_offsets`) and, without any log behind them, the
 * ones named in BENCH_TOPICS ("name:partitions,..."), each with a random topic id. Enough for the coordinator, which
 * only needs names, ids and partition counts; the data plane is not part of these benchmarks.
 */
function benchTopicMetadata(topics: TopicRegistry, spec: string): TopicMetadata {
  const extra = new Map<string, { id: string; partitions: number }>();
  for (const entry of spec.split(',').filter(Boolean)) {
    const [name, partitions] = entry.split(':');
    extra.set(name, { id: randomUUID(), partitions: Number(partitions) });
  }
  const byId = new Map([...extra].map(([name, t]) => [t.id, name]));
  return {
    get version() {
      return topics.metadataVersion;
    },
    partitionCount: (topic) => extra.get(topic)?.partitions ?? topics.describeTopic(topic)?.partitions,
    topicNames: () => [...extra.keys(), ...topics.topicNames()],
    topicId: (topic) => extra.get(topic)?.id ?? topics.describeTopic(topic)?.topicId,
    topicName: (topicId) => byId.get(topicId) ?? topics.topicNameById(topicId),
  };
}
