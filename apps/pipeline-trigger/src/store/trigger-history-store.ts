import type { DbClient } from '@app/db';

/** A pipeline job's status as BullMQ's events report it; `completed` and `failed` are final. */
export type PipelineJobStatus = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export const FINAL_JOB_STATUSES: readonly PipelineJobStatus[] = ['completed', 'failed'];

/** One trigger as the history records it: what the BullMQ job and the `pipeline:triggers` entry carry. */
export interface TriggerRecord {
  jobId: string;
  consumerId: string;
  topic: string;
  groupId: string;
  pipelineName: string;
  connectionId: string;
  jobType: string;
  reason: 'count' | 'time';
  eventCount: number;
  windowStartedAt: Date;
  windowEndedAt: Date;
  /** Per partition: first and last offset counted in the window. */
  offsets: Record<string, { first: string; last: string }>;
  triggeredAt: Date;
}

export interface TriggerHistoryEntry extends TriggerRecord {
  status: PipelineJobStatus;
  failureReason: string | null;
  attemptsMade: number;
  statusChangedAt: Date;
  finishedAt: Date | null;
}

export interface StatusChange {
  status: PipelineJobStatus;
  at: Date;
  failureReason?: string;
  attemptsMade?: number;
}

export interface TriggerPage {
  items: TriggerHistoryEntry[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/**
 * `pipeline.triggers`: one row per pipeline job, keyed by the BullMQ job id, so a trigger re-sent
 * after a crash (same job id) adds nothing, and the row follows the job to completed or failed.
 * Plain class over the Prisma client; Nest only wires it.
 */
export class TriggerHistoryStore {
  constructor(private readonly prisma: DbClient) {}

  /** Inserts the trigger once; true when this call added the row. */
  async record(trigger: TriggerRecord): Promise<boolean> {
    const { count } = await this.prisma.pipelineTrigger.createMany({
      data: [
        {
          jobId: trigger.jobId,
          consumer: trigger.consumerId,
          topic: trigger.topic,
          groupId: trigger.groupId,
          pipelineName: trigger.pipelineName,
          connectionId: trigger.connectionId,
          jobType: trigger.jobType,
          reason: trigger.reason,
          eventCount: trigger.eventCount,
          windowStartedAt: trigger.windowStartedAt,
          windowEndedAt: trigger.windowEndedAt,
          offsets: trigger.offsets,
          triggeredAt: trigger.triggeredAt,
          statusChangedAt: trigger.triggeredAt,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }

  /**
   * Moves a job's row to a new status. A final status is never replaced by an earlier one: the
   * events of one job arrive in order, but a status read back from BullMQ after the insert can
   * race the event that reported the same step. Returns false when no row changed.
   */
  async setStatus(jobId: string, change: StatusChange): Promise<boolean> {
    const final = FINAL_JOB_STATUSES.includes(change.status);
    const { count } = await this.prisma.pipelineTrigger.updateMany({
      where: final ? { jobId } : { jobId, status: { notIn: [...FINAL_JOB_STATUSES] } },
      data: {
        status: change.status,
        statusChangedAt: change.at,
        ...(change.failureReason !== undefined ? { failureReason: change.failureReason } : {}),
        ...(change.attemptsMade !== undefined ? { attemptsMade: change.attemptsMade } : {}),
        ...(final ? { finishedAt: change.at } : {}),
      },
    });
    return count > 0;
  }

  /** Newest first, `limit` per page; `before` is the cursor of the previous page. */
  async list(consumerId: string, options: { limit: number; before?: string }): Promise<TriggerPage> {
    const before = options.before === undefined ? undefined : BigInt(options.before);
    const rows = await this.prisma.pipelineTrigger.findMany({
      where: { consumer: consumerId, ...(before === undefined ? {} : { id: { lt: before } }) },
      orderBy: { id: 'desc' },
      take: options.limit + 1,
    });
    const page = rows.slice(0, options.limit);
    const items = page.map((row) => ({
      jobId: row.jobId,
      consumerId: row.consumer,
      topic: row.topic,
      groupId: row.groupId,
      pipelineName: row.pipelineName,
      connectionId: row.connectionId,
      jobType: row.jobType,
      reason: row.reason as TriggerRecord['reason'],
      eventCount: row.eventCount,
      windowStartedAt: row.windowStartedAt,
      windowEndedAt: row.windowEndedAt ?? row.triggeredAt,
      offsets: (row.offsets ?? {}) as TriggerRecord['offsets'],
      triggeredAt: row.triggeredAt,
      status: row.status as PipelineJobStatus,
      failureReason: row.failureReason,
      attemptsMade: row.attemptsMade,
      statusChangedAt: row.statusChangedAt,
      finishedAt: row.finishedAt,
    }));
    return rows.length > options.limit ? { items, nextCursor: page[page.length - 1].id.toString() } : { items };
  }

  async latest(consumerId: string): Promise<TriggerHistoryEntry | undefined> {
    return (await this.list(consumerId, { limit: 1 })).items[0];
  }

  /** Jobs not yet final, oldest first: what a restarted service re-reads from BullMQ, since it missed their events while down. */
  async unfinishedJobIds(limit: number): Promise<string[]> {
    const rows = await this.prisma.pipelineTrigger.findMany({ where: { status: { notIn: [...FINAL_JOB_STATUSES] } }, orderBy: { id: 'asc' }, take: limit, select: { jobId: true } });
    return rows.map((row) => row.jobId);
  }
}
