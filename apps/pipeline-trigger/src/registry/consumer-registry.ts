import { ConfigFieldError, ConsumerConfig, parseConsumerConfig, redactConsumerConfig } from '../config-model/consumer-config';
import type { ConsumerSource, ConsumerStore, StoredConsumer } from '../store/consumer-store';
import type { TriggerHistoryEntry, TriggerHistoryStore } from '../store/trigger-history-store';
import type { ConsumerReconciler } from './consumer-reconciler';
import type { ConsumerRuntime } from './consumer-runtime';
import { IdleAlert, idleAlert } from './idle-alert';

/** What each operation answers; the controller maps these to HTTP statuses one to one. */
export type RegistryOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'invalid'; fields: ConfigFieldError[] }
  | { kind: 'not-found' }
  | { kind: 'conflict'; message: string };

export interface ConsumerView {
  consumer_id: string;
  source: ConsumerSource;
  paused: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  config: ConsumerConfig;
}

export interface ConsumerInfoView extends ConsumerView {
  /** Running on the replica that answered (the engine's own view follows in `runtime`). */
  running: boolean;
  runtime: object | null;
  last_trigger: TriggerView | null;
  /** Present when `monitoring.alert_after_idle_windows` is set. */
  idle_alert: IdleAlert | null;
}

export interface TriggerView {
  job_id: string;
  reason: string;
  event_count: number;
  window_started_at: string;
  window_ended_at: string;
  offsets: Record<string, { first: string; last: string }>;
  triggered_at: string;
  status: string;
  failure_reason: string | null;
  attempts_made: number;
  status_changed_at: string;
  finished_at: string | null;
}

const RUNTIME_INFO_TIMEOUT_MS = 3_000;

const FILE_OWNED = (id: string) =>
  `consumer ${id} is defined in PIPELINE_CONSUMERS_FILE and is read-only over the API; change it in the file (pause and resume work on any consumer)`;

/**
 * The consumers as the REST API sees them. Precedence: the config file owns the consumers it
 * defines (update and delete answer 409, and creating one of its ids is a 409 too); everything
 * else belongs to the API. Pause and resume work on both, and persist. Every change is written to
 * Postgres first, then applied to the engine, so what a restart loads is what the API answered.
 */
export class ConsumerRegistry {
  constructor(
    private readonly store: ConsumerStore,
    private readonly history: TriggerHistoryStore,
    private readonly reconciler: ConsumerReconciler,
    private readonly runtime: ConsumerRuntime,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async list(): Promise<ConsumerView[]> {
    return (await this.store.list()).map(consumerView);
  }

  async info(consumerId: string): Promise<RegistryOutcome<ConsumerInfoView>> {
    const row = await this.store.get(consumerId);
    if (!row) return { kind: 'not-found' };
    const [runtime, last] = await Promise.all([this.runtimeInfo(consumerId), this.history.latest(consumerId)]);
    return {
      kind: 'ok',
      value: {
        ...consumerView(row),
        running: this.reconciler.isRunning(consumerId),
        runtime: runtime ?? null,
        last_trigger: last ? triggerView(last) : null,
        idle_alert: idleAlert({
          alertAfterIdleWindows: row.config.monitoring.alert_after_idle_windows,
          maxTimeSeconds: row.config.max_time,
          lastTriggerAt: last?.triggeredAt,
          since: row.updatedAt,
          paused: row.paused,
          nowMs: this.now(),
        }),
      },
    };
  }

  /**
   * The engine's view, bounded in time: its lag figure asks Kafka, and with the cluster unreachable
   * the client retries for many seconds; the rest of the answer should not wait for that.
   */
  private async runtimeInfo(consumerId: string): Promise<object | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<object>((resolve) => {
      timer = setTimeout(() => resolve({ error: `the engine did not answer within ${RUNTIME_INFO_TIMEOUT_MS} ms` }), RUNTIME_INFO_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.runtime.info(consumerId), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async create(body: unknown): Promise<RegistryOutcome<ConsumerView>> {
    const parsed = parseConsumerConfig(body);
    if (!parsed.ok) return { kind: 'invalid', fields: parsed.fields };
    const outcome = await this.store.create(parsed.config);
    if (!outcome.created) {
      const id = parsed.config.consumer_id;
      return { kind: 'conflict', message: outcome.existing === 'file' ? FILE_OWNED(id) : `consumer ${id} already exists; PUT /consumers/${id} changes it` };
    }
    await this.reconciler.apply(parsed.config.consumer_id, outcome.consumer);
    return { kind: 'ok', value: consumerView(outcome.consumer) };
  }

  /** The body is the whole configuration; its consumer_id may be left out, and must match the path if given. */
  async update(consumerId: string, body: unknown): Promise<RegistryOutcome<ConsumerView>> {
    const withId = isRecord(body) && body.consumer_id === undefined ? { ...body, consumer_id: consumerId } : body;
    const parsed = parseConsumerConfig(withId);
    if (!parsed.ok) return { kind: 'invalid', fields: parsed.fields };
    if (parsed.config.consumer_id !== consumerId) {
      return { kind: 'invalid', fields: [{ field: 'consumer_id', expected: `the consumer_id of the path (${consumerId}), or left out`, received: parsed.config.consumer_id }] };
    }
    const existing = await this.store.get(consumerId);
    if (!existing) return { kind: 'not-found' };
    if (existing.source === 'file') return { kind: 'conflict', message: FILE_OWNED(consumerId) };
    const updated = await this.store.update(parsed.config);
    if (!updated) return { kind: 'not-found' };
    await this.reconciler.apply(consumerId, updated);
    return { kind: 'ok', value: consumerView(updated) };
  }

  async delete(consumerId: string): Promise<RegistryOutcome<null>> {
    const existing = await this.store.get(consumerId);
    if (!existing) return { kind: 'not-found' };
    if (existing.source === 'file') return { kind: 'conflict', message: FILE_OWNED(consumerId) };
    if (!(await this.store.delete(consumerId))) return { kind: 'not-found' };
    await this.reconciler.apply(consumerId, undefined);
    return { kind: 'ok', value: null };
  }

  async setPaused(consumerId: string, paused: boolean): Promise<RegistryOutcome<ConsumerView>> {
    const updated = await this.store.setPaused(consumerId, paused);
    if (!updated) return { kind: 'not-found' };
    await this.reconciler.apply(consumerId, updated);
    return { kind: 'ok', value: consumerView(updated) };
  }

  async triggers(consumerId: string, page: { limit: number; before?: string }): Promise<RegistryOutcome<{ items: TriggerView[]; next_cursor: string | null }>> {
    if (!(await this.store.get(consumerId))) return { kind: 'not-found' };
    const result = await this.history.list(consumerId, page);
    return { kind: 'ok', value: { items: result.items.map(triggerView), next_cursor: result.nextCursor ?? null } };
  }
}

function consumerView(row: StoredConsumer): ConsumerView {
  return {
    consumer_id: row.config.consumer_id,
    source: row.source,
    paused: row.paused,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    config: redactConsumerConfig(row.config),
  };
}

function triggerView(entry: TriggerHistoryEntry): TriggerView {
  return {
    job_id: entry.jobId,
    reason: entry.reason,
    event_count: entry.eventCount,
    window_started_at: entry.windowStartedAt.toISOString(),
    window_ended_at: entry.windowEndedAt.toISOString(),
    offsets: entry.offsets,
    triggered_at: entry.triggeredAt.toISOString(),
    status: entry.status,
    failure_reason: entry.failureReason,
    attempts_made: entry.attemptsMade,
    status_changed_at: entry.statusChangedAt.toISOString(),
    finished_at: entry.finishedAt?.toISOString() ?? null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
