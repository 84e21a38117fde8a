import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import type { ConsumerConfig } from '../config-model/consumer-config';
import type { ConsumerStore, StoredConsumer } from '../store/consumer-store';
import type { ConsumerRuntime } from './consumer-runtime';

interface Applied {
  /** Which incarnation of the id: a consumer deleted and created again between two syncs is another one. */
  createdAt: number;
  version: number;
  config: ConsumerConfig;
  paused: boolean;
}

/**
 * Brings the engine in line with the consumers table: the row is the truth, the runtime follows.
 * The replica that served a REST call applies its change at once; every replica also re-reads the
 * table on an interval, so a consumer created, changed, paused or deleted through another
 * replica's API reaches all of them. Changes are applied one at a time, in order, so a poll and a
 * REST call never race on one consumer. A change that fails (Kafka unreachable) is retried at the
 * next sync.
 */
export class ConsumerReconciler {
  private readonly applied = new Map<string, Applied>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ConsumerStore,
    private readonly runtime: ConsumerRuntime,
    private readonly logger: Logger,
  ) {}

  /** Applies every row, and removes what is running but no longer in the table. */
  syncAll(): Promise<void> {
    return this.serial(async () => {
      const rows = await this.store.list();
      const ids = new Set(rows.map((row) => row.config.consumer_id));
      for (const row of rows) await this.applyRow(row.config.consumer_id, row);
      for (const id of [...this.applied.keys()]) if (!ids.has(id)) await this.applyRow(id, undefined);
    });
  }

  /** Applies one consumer's row as it is now (undefined: deleted). */
  apply(consumerId: string, row: StoredConsumer | undefined): Promise<void> {
    return this.serial(() => this.applyRow(consumerId, row));
  }

  isRunning(consumerId: string): boolean {
    return this.applied.has(consumerId);
  }

  /** Stops applying: what runs keeps running until the engine itself shuts down. */
  async drain(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private async applyRow(consumerId: string, row: StoredConsumer | undefined): Promise<void> {
    const current = this.applied.get(consumerId);
    try {
      if (row === undefined) {
        if (current === undefined) return;
        await this.runtime.remove(consumerId);
        this.applied.delete(consumerId);
        this.logger.info({ consumerId }, 'consumer removed');
        return;
      }
      if (current !== undefined && current.createdAt !== row.createdAt.getTime()) {
        await this.runtime.remove(consumerId);
        this.applied.delete(consumerId);
        this.logger.info({ consumerId }, 'consumer was deleted and created again; restarting it');
        return this.applyRow(consumerId, row);
      }
      if (current === undefined) {
        await this.runtime.start(row.config, { paused: row.paused });
        this.logger.info({ consumerId, source: row.source, paused: row.paused }, 'consumer started');
      } else if (current.version === row.version) {
        return;
      } else {
        if (!isDeepStrictEqual(current.config, row.config)) await this.runtime.update(row.config);
        if (current.paused !== row.paused) await (row.paused ? this.runtime.pause(consumerId) : this.runtime.resume(consumerId));
        this.logger.info({ consumerId, version: row.version, paused: row.paused }, 'consumer changed');
      }
      this.applied.set(consumerId, { createdAt: row.createdAt.getTime(), version: row.version, config: row.config, paused: row.paused });
    } catch (error) {
      this.logger.error({ err: error, consumerId }, 'could not apply the consumer; retrying at the next sync');
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
