import { PIPELINES_QUEUE } from '@app/domain';
import type { RedisClient } from '@app/platform';
import { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { Simulator, sleep } from './simulator';

/**
 * A pipeline worker on the `pipelines` queue, as a team would run one: it takes the jobs
 * pipeline-trigger enqueues, "runs" each for a moment and completes it, except every
 * DEMO_FAIL_EVERY-th job, which fails, so pipeline-trigger's trigger history and job metrics
 * show both outcomes.
 */
export class PipelineWorkerSimulator implements Simulator {
  readonly name = 'pipeline-worker';
  private worker?: Worker;
  private taken = 0;
  private completed = 0;
  private failed = 0;

  constructor(
    // BullMQ needs a connection of its own with maxRetriesPerRequest null: it blocks on it.
    private readonly connection: RedisClient,
    private readonly prefix: string,
    private readonly failEvery: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.worker = new Worker(PIPELINES_QUEUE, (job) => this.run(job), { connection: this.connection, prefix: this.prefix, concurrency: 4 });
    this.worker.on('completed', (job) => {
      this.completed++;
      this.logger.debug({ job_id: job.id, pipeline: job.name }, 'pipeline job completed');
    });
    this.worker.on('failed', (job, error) => {
      this.failed++;
      this.logger.info({ job_id: job?.id, pipeline: job?.name, reason: error.message }, 'pipeline job failed');
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'pipeline worker error'));
    await this.worker.waitUntilReady();
  }

  /** Waits for the jobs in hand to finish, so none is left active for BullMQ to call stalled. */
  async stop(): Promise<void> {
    await this.worker?.close();
  }

  stats() {
    return { pipeline_jobs_completed: this.completed, pipeline_jobs_failed: this.failed };
  }

  private async run(job: Job<{ event_count?: number; reason?: string }>): Promise<{ processed: number }> {
    const n = ++this.taken;
    await sleep(100 + Math.floor(Math.random() * 400));
    if (this.failEvery > 0 && n % this.failEvery === 0) throw new Error(`demo: pipeline ${job.name} failed on purpose (every ${this.failEvery}th job fails)`);
    return { processed: job.data.event_count ?? 0 };
  }
}
