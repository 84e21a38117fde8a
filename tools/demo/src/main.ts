/**
 * Demo traffic for `npm start`: a chat worker writing jobs over the chat event shards, a Kafka
 * producer, the two pipeline-trigger consumers it feeds, a BullMQ pipeline worker, and a Kafka
 * consumer that stalls now and then so monitor-api has an alert to raise and resolve. Runs until
 * SIGTERM or SIGINT, then stops the simulators in reverse order and exits 0.
 *
 *   node --import tsx tools/demo/src/main.ts     (environment: tools/demo/src/demo-config.ts, README "Running it")
 */
import { ConfigError, closeRedisConnection, createRedisClient, createRootLogger, formatConfigIssue, kafkajsLogCreator, redisTopologyFrom } from '@app/platform';
import { Kafka } from 'kafkajs';
import { ChatWorkerSimulator } from './chat-worker.simulator';
import { DemoConfig, loadDemoConfig } from './demo-config';
import { KafkaProducerSimulator } from './kafka-producer.simulator';
import { demoConsumers, ensureDemoConsumers } from './pipeline-consumers';
import { PipelineWorkerSimulator } from './pipeline-worker.simulator';
import { Simulator } from './simulator';
import { StallingConsumerSimulator } from './stalling-consumer.simulator';

const PROGRESS_INTERVAL_MS = 10_000;

function readConfig(): DemoConfig {
  try {
    return loadDemoConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const logger = createRootLogger('demo', 'info', process.stderr);
    for (const issue of error.issues) logger.fatal({ variable: issue.variable, expected: issue.expected }, formatConfigIssue(issue));
    logger.flush();
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createRootLogger('demo', config.LOG_LEVEL);
  const topology = redisTopologyFrom(config);
  const redis = createRedisClient(topology);
  const workerRedis = createRedisClient(topology, { maxRetriesPerRequest: null });
  const kafka = new Kafka({ clientId: config.KAFKA_CLIENT_ID, brokers: config.KAFKA_BROKERS, logCreator: kafkajsLogCreator(logger) });

  const started: Simulator[] = [];
  const stopping = new AbortController();
  const progress: { timer?: NodeJS.Timeout } = {};

  const shutdown = async (reason: string, code: number) => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    logger.info({ reason }, 'demo stopping');
    const grace = setTimeout(() => {
      logger.error({ grace_ms: config.SHUTDOWN_GRACE_PERIOD_MS }, 'demo did not stop within the grace period');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_PERIOD_MS);
    grace.unref();
    clearInterval(progress.timer);
    let failed = false;
    // Reverse start order: writers stop before the worker that drains what they caused.
    for (const simulator of [...started].reverse()) {
      await simulator.stop().catch((error: unknown) => {
        failed = true;
        logger.error({ err: error, simulator: simulator.name }, 'simulator did not stop cleanly');
      });
    }
    await closeRedisConnection(workerRedis);
    await closeRedisConnection(redis);
    logger.info({ ...stats(started) }, 'demo stopped');
    // Exit explicitly: a client library's stray timer must not keep a stopped demo alive.
    logger.flush(() => process.exit(failed ? 1 : code));
  };
  // `on`, not `once`: a second Ctrl-C (or a signal sent to the child and its group, as `timeout` does)
  // must find a listener too, or Node's default action kills the demo in the middle of its stop.
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));

  const simulators: Simulator[] = [
    new PipelineWorkerSimulator(workerRedis, config.PIPELINE_QUEUE_PREFIX, config.DEMO_FAIL_EVERY, logger.child({ simulator: 'pipeline-worker' })),
    new KafkaProducerSimulator(kafka, config.DEMO_TOPIC, config.DEMO_TOPIC_PARTITIONS, config.DEMO_RATE, logger.child({ simulator: 'kafka-producer' })),
    new StallingConsumerSimulator(
      kafka,
      `${config.DEMO_NAME}-stalling-reader`,
      config.DEMO_TOPIC,
      { afterS: config.DEMO_STALL_AFTER_S, forS: config.DEMO_STALL_FOR_S, everyS: config.DEMO_STALL_EVERY_S },
      logger.child({ simulator: 'stalling-consumer' }),
    ),
    new ChatWorkerSimulator(redis, config.CHAT_EVENT_STREAMS, config.DEMO_RATE, `${config.DEMO_NAME}-job`, logger.child({ simulator: 'chat-worker' })),
  ];
  try {
    for (const simulator of simulators) {
      if (stopping.signal.aborted) break;
      await simulator.start();
      started.push(simulator);
    }
    if (!stopping.signal.aborted) {
      const consumers = demoConsumers(config.DEMO_NAME, config.DEMO_TOPIC, config.DEMO_MAX_EVENT, config.DEMO_MAX_TIME_S);
      await ensureDemoConsumers(config.PIPELINE_API_URL, config.PIPELINE_API_TOKEN, consumers, logger.child({ simulator: 'pipeline-consumers' }), stopping.signal);
    }
  } catch (error) {
    if (stopping.signal.aborted) return;
    logger.error({ err: error }, 'demo could not start');
    await shutdown('start-up failed', 1);
    return;
  }
  if (stopping.signal.aborted) return;
  logger.info(
    { rate: config.DEMO_RATE, topic: config.DEMO_TOPIC, streams: config.CHAT_EVENT_STREAMS, consumers: [`${config.DEMO_NAME}-count`, `${config.DEMO_NAME}-time`] },
    'demo traffic flowing',
  );
  progress.timer = setInterval(() => {
    const s = stats(started);
    logger.info({ ...s, sse_page: `http://localhost:3001/?job=${encodeURIComponent(String(s.last_job ?? ''))}` }, 'demo progress');
  }, PROGRESS_INTERVAL_MS);
}

function stats(simulators: Simulator[]): Record<string, number | string> {
  return Object.assign({}, ...simulators.map((s) => s.stats()));
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
