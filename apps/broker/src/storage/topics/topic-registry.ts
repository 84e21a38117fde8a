import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LogConfig, silentLogger, StorageLogger } from '../log/log-config';
import { PartitionLog } from '../log/partition-log';
import { BufferPool } from '../../buffers/buffer-pool';
import { StorageError, StorageErrorCode } from '../files/storage-error';
import { DataDirLock } from './data-dir-lock';
import { StorageSettings } from './storage-settings';
import { ConfigEntry, describeTopicConfig, resolveTopicConfig } from './topic-config';
import { TopicMetadataStore, TopicRecord } from './topic-metadata-store';
import { parsePartitionDirName, partitionDirName, topicNameProblem } from './topic-name';

export interface CreateTopicRequest {
  name: string;
  /** -1 = the broker default. */
  numPartitions: number;
  /** -1 or 1: this is a single node. */
  replicationFactor: number;
  configs?: Record<string, string | null>;
  validateOnly?: boolean;
}

export interface TopicDescription {
  name: string;
  /** Stable across restarts (Kafka's topic id, a UUID). */
  topicId: string;
  partitions: number;
  /** Configs set on the topic (not defaults). */
  configs: Record<string, string>;
}

interface TopicState {
  record: TopicRecord;
  config: LogConfig;
  logs: PartitionLog[];
}

/** Observes partition log events for metrics. */
export interface LogObserver {
  onFlush(seconds: number): void;
}

/**
 * The broker's topics and their partition logs: create (validated), delete, list, describe,
 * auto-create on first use, and the periodic retention sweep. The topic list is persisted in the
 * data directory; partition directories of topics it does not list are leftovers of an
 * interrupted create or delete and are removed at start.
 */
export class TopicRegistry {
  private readonly topics = new Map<string, TopicState>();
  /** Topic name by topic id (KIP-516): Fetch v13+ and DeleteTopics v6 address topics by id. */
  private readonly namesById = new Map<string, string>();
  /** Topic creations in flight, so concurrent auto-creates of one name make one topic. */
  private readonly pending = new Map<string, Promise<TopicDescription>>();
  /** Topics whose files are being removed; their names are not free yet. */
  private readonly deleting = new Set<string>();
  /** Topics getting more partitions (CreatePartitions), one change at a time per topic. */
  private readonly growing = new Set<string>();
  private readonly store: TopicMetadataStore;
  private readonly lock: DataDirLock;
  private readonly logger: StorageLogger;
  private readonly readBuffers = new BufferPool(IDLE_READ_BUFFER_BYTES);
  private retentionTimer: NodeJS.Timeout | undefined;
  private metadataWrite: Promise<unknown> = Promise.resolve();
  private started = false;
  private version = 0;

  constructor(
    readonly settings: StorageSettings,
    logger?: StorageLogger,
    private readonly observer?: LogObserver,
  ) {
    this.store = new TopicMetadataStore(settings.dataDir);
    this.lock = new DataDirLock(settings.dataDir);
    this.logger = logger ?? silentLogger;
  }

  /** Grows whenever a topic appears or goes or gains partitions: readers that cache topic metadata compare it. */
  get metadataVersion(): number {
    return this.version;
  }

  /** Names of every topic, in no particular order. */
  topicNames(): IterableIterator<string> {
    return this.topics.keys();
  }

  get autoCreateEnabled(): boolean {
    return this.settings.autoCreateTopics;
  }

  /**
   * Locks the data directory, then opens every stored topic's partitions (recovering them, a few
   * at a time) and starts the retention sweep.
   */
  async start(): Promise<void> {
    if (this.started) return;
    await mkdir(this.settings.dataDir, { recursive: true });
    await this.lock.acquire();
    try {
      await this.openAll();
    } catch (err) {
      await Promise.allSettled(this.allPartitions().map((l) => l.close()));
      this.topics.clear();
      this.namesById.clear();
      await this.lock.release();
      throw err;
    }
    this.retentionTimer = setInterval(() => void this.enforceRetention(), this.settings.retentionCheckIntervalMs);
    this.retentionTimer.unref();
    this.started = true;
    this.logger.info({ topics: this.topics.size, dataDir: this.settings.dataDir }, 'topic registry started');
  }

  /** Stops the sweep and closes every log cleanly (flushed, snapshotted, marked clean). */
  async stop(): Promise<void> {
    clearInterval(this.retentionTimer);
    await Promise.allSettled([...this.pending.values()]);
    const logs = [...this.topics.values()].flatMap((t) => t.logs);
    this.topics.clear();
    this.namesById.clear();
    const results = await Promise.allSettled(logs.map((l) => l.close()));
    for (const r of results) {
      if (r.status === 'rejected') this.logger.error({ err: (r.reason as Error).message }, 'closing a partition log failed');
    }
    await this.lock.release();
    this.started = false;
  }

  /** Creates a topic; throws StorageError 17 (name), 36 (exists), 37 (partitions), 38 (replication factor), 40 (config). */
  async createTopic(req: CreateTopicRequest): Promise<TopicDescription> {
    const nameProblem = topicNameProblem(req.name);
    if (nameProblem) throw new StorageError(StorageErrorCode.invalidTopic, nameProblem);
    const partitions = req.numPartitions === -1 ? this.settings.defaultPartitions : req.numPartitions;
    if (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > this.settings.maxPartitionsPerTopic) {
      throw new StorageError(
        StorageErrorCode.invalidPartitions,
        `number of partitions must be between 1 and ${this.settings.maxPartitionsPerTopic} (or -1 for the default), got ${req.numPartitions}`,
      );
    }
    if (req.replicationFactor !== -1 && req.replicationFactor !== 1) {
      throw new StorageError(
        StorageErrorCode.invalidReplicationFactor,
        req.replicationFactor < 1
          ? `replication factor must be 1 (or -1 for the default), got ${req.replicationFactor}`
          : `replication factor ${req.replicationFactor} is larger than the 1 available broker`,
      );
    }
    const { config, overrides } = resolveTopicConfig(req.configs ?? {}, this.settings.defaults);
    if (this.topics.has(req.name) || this.pending.has(req.name)) {
      throw new StorageError(StorageErrorCode.topicAlreadyExists, `topic "${req.name}" already exists`);
    }
    if (this.deleting.has(req.name)) {
      throw new StorageError(StorageErrorCode.topicAlreadyExists, `topic "${req.name}" is still being deleted`);
    }
    const record: TopicRecord = { name: req.name, topicId: randomUUID(), partitions, configs: overrides };
    if (req.validateOnly) return describe(record);
    const creation = this.create(record, config);
    this.pending.set(req.name, creation);
    try {
      return await creation;
    } finally {
      this.pending.delete(req.name);
    }
  }

  /** Deletes a topic and its data; throws StorageError 3 when it does not exist. */
  async deleteTopic(name: string): Promise<void> {
    const state = this.topics.get(name);
    if (!state) throw new StorageError(StorageErrorCode.unknownTopicOrPartition, `topic "${name}" does not exist`);
    this.topics.delete(name);
    this.version++;
    this.namesById.delete(state.record.topicId);
    this.deleting.add(name);
    try {
      await this.persist();
      await Promise.allSettled(state.logs.map((l) => l.close()));
      await Promise.all(
        state.logs.map((_, p) => rm(join(this.settings.dataDir, partitionDirName(name, p)), { recursive: true, force: true })),
      );
    } finally {
      this.deleting.delete(name);
    }
    this.logger.info({ topic: name }, 'topic deleted');
  }

  /**
   * Grows a topic to `count` partitions (CreatePartitions): the new partitions' logs are opened, then the topic
   * list is persisted. Throws StorageError 3 for an unknown topic, 37 when `count` is not larger than the current
   * count or above the per-topic limit. With `validateOnly` nothing changes.
   */
  async createPartitions(name: string, count: number, validateOnly = false): Promise<TopicDescription> {
    const state = this.topics.get(name);
    if (!state) throw new StorageError(StorageErrorCode.unknownTopicOrPartition, `topic "${name}" does not exist`);
    const current = state.record.partitions;
    if (!Number.isSafeInteger(count) || count <= current) {
      throw new StorageError(StorageErrorCode.invalidPartitions, `topic "${name}" has ${current} partitions; the new count must be larger, got ${count}`);
    }
    if (count > this.settings.maxPartitionsPerTopic) {
      throw new StorageError(StorageErrorCode.invalidPartitions, `number of partitions must be at most ${this.settings.maxPartitionsPerTopic}, got ${count}`);
    }
    if (validateOnly) return describe({ ...state.record, partitions: count });
    if (this.growing.has(name)) throw new StorageError(StorageErrorCode.invalidPartitions, `topic "${name}" is already being given more partitions`);
    this.growing.add(name);
    const opened: PartitionLog[] = [];
    try {
      for (let p = current; p < count; p++) opened.push(await this.openLog(name, p, state.config));
      if (this.topics.get(name) !== state) throw new StorageError(StorageErrorCode.unknownTopicOrPartition, `topic "${name}" was deleted`);
      // Readers see the new partitions only once all are open, and the file lists them once they exist.
      state.logs.push(...opened);
      state.record = { ...state.record, partitions: count };
      this.version++;
      await this.persist();
    } catch (err) {
      state.logs.length = current;
      state.record = { ...state.record, partitions: current };
      this.version++;
      await Promise.allSettled(opened.map((l) => l.close()));
      await Promise.all(
        opened.map((_, i) => rm(join(this.settings.dataDir, partitionDirName(name, current + i)), { recursive: true, force: true })),
      );
      throw err;
    } finally {
      this.growing.delete(name);
    }
    this.logger.info({ topic: name, from: current, to: count }, 'partitions added');
    return describe(state.record);
  }

  listTopics(): TopicDescription[] {
    return [...this.topics.values()].map((t) => describe(t.record)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The name of the topic with this id (lower-case 8-4-4-4-12 UUID text), if it exists. */
  topicNameById(topicId: string): string | undefined {
    return this.namesById.get(topicId);
  }

  describeTopic(name: string): TopicDescription | undefined {
    const t = this.topics.get(name);
    return t && describe(t.record);
  }

  /** Every supported config with its effective value; throws StorageError 3 for an unknown topic. */
  describeConfigs(name: string): ConfigEntry[] {
    const t = this.topics.get(name);
    if (!t) throw new StorageError(StorageErrorCode.unknownTopicOrPartition, `topic "${name}" does not exist`);
    return describeTopicConfig(t.record.configs, this.withBrokerFlush(t.config));
  }

  /**
   * The Metadata/Produce auto-create hook: the topic if it exists; otherwise, when the request
   * allows it and the broker has auto-creation on, a new topic with default settings; else
   * undefined. Throws StorageError 17 for a name no topic may have.
   */
  async getOrCreate(name: string, allowAutoCreate: boolean): Promise<TopicDescription | undefined> {
    const existing = this.topics.get(name);
    if (existing) return describe(existing.record);
    const inFlight = this.pending.get(name);
    if (inFlight) return inFlight;
    const problem = topicNameProblem(name);
    if (problem) throw new StorageError(StorageErrorCode.invalidTopic, problem);
    if (!allowAutoCreate || !this.settings.autoCreateTopics) return undefined;
    return this.createTopic({ name, numPartitions: -1, replicationFactor: -1 });
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.logs[partition];
  }

  /** All partition logs of a topic (empty for an unknown topic). */
  partitions(topic: string): readonly PartitionLog[] {
    return this.topics.get(topic)?.logs ?? [];
  }

  /** Every open partition log, for metrics. */
  allPartitions(): PartitionLog[] {
    return [...this.topics.values()].flatMap((t) => t.logs);
  }

  /** The config with flush.ms as the log applies it: the topic's own, else the broker's flush interval. */
  withBrokerFlush(config: LogConfig): LogConfig {
    return { ...config, flushMs: config.flushMs ?? this.settings.flushIntervalMs };
  }

  /** One retention pass over every partition (also run by the timer). */
  async enforceRetention(now = Date.now()): Promise<number> {
    let deleted = 0;
    for (const log of this.allPartitions()) {
      try {
        deleted += await log.enforceRetention(now);
      } catch (err) {
        this.logger.error({ topic: log.topic, partition: log.partition, err: (err as Error).message }, 'retention failed');
      }
    }
    return deleted;
  }

  private async openAll(): Promise<void> {
    const records = await this.store.load();
    const known = new Set<string>();
    const work: Array<() => Promise<void>> = [];
    for (const record of records) {
      const { config } = resolveTopicConfig(record.configs, this.settings.defaults);
      const logs: PartitionLog[] = new Array(record.partitions);
      this.topics.set(record.name, { record, config, logs });
      this.version++;
      this.namesById.set(record.topicId, record.name);
      for (let p = 0; p < record.partitions; p++) {
        known.add(partitionDirName(record.name, p));
        work.push(async () => {
          logs[p] = await this.openLog(record.name, p, config);
        });
      }
    }
    await runLimited(work, OPEN_CONCURRENCY);
    for (const entry of await readdir(this.settings.dataDir, { withFileTypes: true })) {
      if (entry.isDirectory() && parsePartitionDirName(entry.name) && !known.has(entry.name)) {
        this.logger.warn({ dir: entry.name }, 'removing partition directory of a topic that no longer exists');
        await rm(join(this.settings.dataDir, entry.name), { recursive: true, force: true });
      }
    }
  }

  private async create(record: TopicRecord, config: LogConfig): Promise<TopicDescription> {
    const logs: PartitionLog[] = [];
    try {
      for (let p = 0; p < record.partitions; p++) logs.push(await this.openLog(record.name, p, config));
      this.topics.set(record.name, { record, config, logs });
      this.version++;
      this.namesById.set(record.topicId, record.name);
      await this.persist();
    } catch (err) {
      this.topics.delete(record.name);
      this.version++;
      this.namesById.delete(record.topicId);
      await Promise.allSettled(logs.map((l) => l.close()));
      await Promise.all(
        logs.map((_, p) => rm(join(this.settings.dataDir, partitionDirName(record.name, p)), { recursive: true, force: true })),
      );
      throw err;
    }
    this.logger.info({ topic: record.name, partitions: record.partitions, configs: record.configs }, 'topic created');
    return describe(record);
  }

  private openLog(topic: string, partition: number, config: LogConfig): Promise<PartitionLog> {
    const observer = this.observer;
    return PartitionLog.open({
      dir: join(this.settings.dataDir, partitionDirName(topic, partition)),
      topic,
      partition,
      config,
      flushIntervalMs: config.flushMs ?? this.settings.flushIntervalMs,
      logger: this.logger,
      onFlush: observer ? (s) => observer.onFlush(s) : undefined,
      readBuffers: this.readBuffers,
    });
  }

  /** Writes the current topic list; writes are serialised so the file always ends up matching memory. */
  private persist(): Promise<void> {
    const write = this.metadataWrite.then(() => this.store.save([...this.topics.values()].map((t) => t.record)));
    this.metadataWrite = write.catch(() => undefined);
    return write;
  }
}

/** Idle Fetch read buffers kept for reuse across all partitions (a few in-flight fetches' worth). */
const IDLE_READ_BUFFER_BYTES = 64 * 1024 * 1024;

/** Partitions opened in parallel at start; each recovery may hold a 1 MiB scan buffer. */
const OPEN_CONCURRENCY = 8;

async function runLimited(work: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < work.length) await work[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, work.length) }, lane));
}

function describe(record: TopicRecord): TopicDescription {
  return { name: record.name, topicId: record.topicId, partitions: record.partitions, configs: { ...record.configs } };
}
