import { duplicateRedisClient, RedisClient } from '@app/platform';
import { QueueEvents } from 'bullmq';
import type { Logger } from 'pino';
import type { EngineMetrics } from './engine-metrics';

/**
 * Counts pipeline jobs by final status from the queue's event stream. It owns its connection (reading the
 * event stream blocks), so it closes it too: BullMQ leaves a connection it was handed open.
 */
export class JobOutcomeMetrics {
  private readonly connection: RedisClient;
  private readonly events: QueueEvents;

  constructor(redis: RedisClient, queueName: string, prefix: string, metrics: EngineMetrics, logger: Logger) {
    this.connection = duplicateRedisClient(redis, { connectionName: 'pipeline-trigger:job-events' });
    this.events = new QueueEvents(queueName, { connection: this.connection, prefix });
    this.events.on('completed', () => metrics.pipelineJobs.inc({ status: 'completed' }));
    this.events.on('failed', () => metrics.pipelineJobs.inc({ status: 'failed' }));
    this.events.on('error', (error) => logger.warn({ err: error }, 'pipeline job events connection error'));
  }

  async close(): Promise<void> {
    await this.events.close();
    this.connection.disconnect();
  }
}
