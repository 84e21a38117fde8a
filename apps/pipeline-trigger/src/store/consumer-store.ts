import { isDeepStrictEqual } from 'node:util';
import type { DbClient } from '@app/db';
import { ConsumerConfig, formatConfigFieldErrors, parseConsumerConfig } from '../config-model/consumer-config';

/** Where a consumer was defined: the config file (read-only over REST) or the REST API. */
export type ConsumerSource = 'file' | 'api';

export interface StoredConsumer {
  config: ConsumerConfig;
  source: ConsumerSource;
  paused: boolean;
  /** Goes up on every change, so a replica applies what it has not seen yet and nothing twice. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CreateOutcome = { created: true; consumer: StoredConsumer } | { created: false; existing: ConsumerSource };

interface ConsumerRow {
  consumerId: string;
  source: string;
  config: unknown;
  paused: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The consumers in Postgres (`pipeline.consumers`): the ones created over REST, so they survive a
 * restart, and the config file's, mirrored at start-up, so every replica and the REST API see one
 * list and a pause outlives a restart. Plain class over the Prisma client; Nest only wires it.
 */
export class ConsumerStore {
  constructor(
    private readonly prisma: DbClient,
    private readonly now: () => Date = () => new Date(),
    /** Told of a row whose configuration the schema refuses (edited by hand, or written under older rules); the row is skipped. */
    private readonly onInvalidRow: (consumerId: string, problem: string) => void = () => undefined,
  ) {}

  async list(): Promise<StoredConsumer[]> {
    const rows = await this.prisma.pipelineConsumer.findMany({ orderBy: { consumerId: 'asc' } });
    return rows.map((row) => this.toStored(row)).filter((c): c is StoredConsumer => c !== undefined);
  }

  async get(consumerId: string): Promise<StoredConsumer | undefined> {
    const row = await this.prisma.pipelineConsumer.findUnique({ where: { consumerId } });
    return row ? this.toStored(row) : undefined;
  }

  /** Inserts a REST consumer; an id already taken (by either source) is reported, never overwritten. */
  async create(config: ConsumerConfig): Promise<CreateOutcome> {
    const now = this.now();
    const inserted = await this.prisma.pipelineConsumer.createMany({
      data: [{ consumerId: config.consumer_id, source: 'api', config, paused: false, createdAt: now, updatedAt: now }],
      skipDuplicates: true,
    });
    const row = await this.prisma.pipelineConsumer.findUniqueOrThrow({ where: { consumerId: config.consumer_id } });
    const consumer = this.toStored(row);
    return inserted.count === 1 && consumer ? { created: true, consumer } : { created: false, existing: row.source as ConsumerSource };
  }

  /** Replaces a REST consumer's configuration; file consumers are left alone (their file is the truth). */
  async update(config: ConsumerConfig): Promise<StoredConsumer | undefined> {
    const { count } = await this.prisma.pipelineConsumer.updateMany({
      where: { consumerId: config.consumer_id, source: 'api' },
      data: { config, version: { increment: 1 }, updatedAt: this.now() },
    });
    return count === 1 ? this.get(config.consumer_id) : undefined;
  }

  async setPaused(consumerId: string, paused: boolean): Promise<StoredConsumer | undefined> {
    const { count } = await this.prisma.pipelineConsumer.updateMany({
      where: { consumerId },
      data: { paused, version: { increment: 1 }, updatedAt: this.now() },
    });
    return count === 1 ? this.get(consumerId) : undefined;
  }

  /** Deletes a REST consumer; false when there is none of that id (or it belongs to the file). */
  async delete(consumerId: string): Promise<boolean> {
    const { count } = await this.prisma.pipelineConsumer.deleteMany({ where: { consumerId, source: 'api' } });
    return count === 1;
  }

  /**
   * Mirrors the config file: its consumers are inserted or replaced (a REST consumer of the same
   * id is taken over, since the file is the reviewed deployment), their pause flag kept; file
   * consumers no longer in the file are deleted. Returns the ids taken over from the REST API.
   */
  async syncFileConsumers(consumers: readonly ConsumerConfig[]): Promise<{ takenOver: string[]; removed: string[] }> {
    return this.prisma.$transaction(async (tx) => {
      const ids = consumers.map((c) => c.consumer_id);
      const existing = await tx.pipelineConsumer.findMany({ where: { OR: [{ consumerId: { in: ids } }, { source: 'file' }] } });
      // Postgres returns JSONB with its keys reordered; isDeepStrictEqual ignores key order.
      const byId = new Map(existing.map((row) => [row.consumerId, row]));
      const now = this.now();
      const takenOver: string[] = [];
      for (const config of consumers) {
        const row = byId.get(config.consumer_id);
        if (!row) {
          await tx.pipelineConsumer.create({ data: { consumerId: config.consumer_id, source: 'file', config, createdAt: now, updatedAt: now } });
        } else if (row.source !== 'file' || !isDeepStrictEqual(row.config, config)) {
          if (row.source !== 'file') takenOver.push(config.consumer_id);
          await tx.pipelineConsumer.update({ where: { consumerId: config.consumer_id }, data: { source: 'file', config, version: { increment: 1 }, updatedAt: now } });
        }
      }
      const removed = existing.filter((row) => row.source === 'file' && !ids.includes(row.consumerId)).map((row) => row.consumerId);
      if (removed.length > 0) await tx.pipelineConsumer.deleteMany({ where: { consumerId: { in: removed }, source: 'file' } });
      return { takenOver, removed };
    });
  }

  /** Rows are re-validated on the way out, so a row that the API would refuse never starts a consumer. */
  private toStored(row: ConsumerRow): StoredConsumer | undefined {
    const parsed = parseConsumerConfig(row.config);
    if (!parsed.ok) {
      this.onInvalidRow(row.consumerId, formatConfigFieldErrors(parsed.fields));
      return undefined;
    }
    return { config: parsed.config, source: row.source as ConsumerSource, paused: row.paused, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
  }
}
