import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, writeFileAtomic } from '../../storage/files/atomic-file';
import { putCommittedOffset } from '../group/committed-offsets';
import { decodeFrames } from './framed-log';
import { GroupLogFrames } from './group-log-frames';
import { decodeLogPayload, type LogOp } from './group-log-records';
import type { ConsumerGroupChange, GroupStore, LoadedGroups, StoredConsumerGroupMetadata, StoredConsumerMember, StoredGroup, StoredOffset } from './group-store';

interface GroupEntry {
  group: StoredGroup | null;
  /** By topic, then partition. */
  offsets: Map<string, Map<number, StoredOffset>>;
  /** A KIP-848 group's fields and members by id. */
  consumer: { metadata: StoredConsumerGroupMetadata; members: Map<string, StoredConsumerMember> } | null;
}

export interface FileGroupStoreOptions {
  dir: string;
  fsync: boolean;
  /** Compact once the file is this many times larger than the live state it last compacted to... */
  compactRatio: number;
  /** ...and at least this large. */
  compactMinBytes: number;
}

/**
 * The writes gathered while the previous batch is on its way to disk. They share one promise: a commit waiting for
 * its fsync keeps no promise, resolver or record of its own alive, which the scavenger would otherwise copy and
 * promote for each of thousands of commits in flight.
 */
interface Batch {
  frames: GroupLogFrames;
  /** Applied to the live state, in order, once the frames are durable. */
  ops: LogOp[];
  durable: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const durable = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { frames: new GroupLogFrames(), ops: [], durable, resolve, reject };
}

export const GROUP_LOG_FILE = 'groups.log';

/**
 * Group metadata and committed offsets in an append-only log of CRC-framed records (group-log-records.ts: binary
 * offset commits, JSON for the rest). Concurrent writes are batched into one write and one fsync (group commit), so
 * durability per commit costs one fsync per batch, not per request. The live state is kept here as well, so
 * compaction can rewrite the file from it atomically when the log has grown well past it.
 */
export class FileGroupStore implements GroupStore {
  private readonly path: string;
  private readonly state = new Map<string, GroupEntry>();
  private handle: FileHandle | null = null;
  private size = 0;
  private compactedSize = 0;
  private queue: Batch | null = null;
  private draining = false;
  private closed = false;
  private opened = false;
  private idle: Promise<void> = Promise.resolve();
  compactions = 0;

  constructor(private readonly options: FileGroupStoreOptions) {
    this.path = join(options.dir, GROUP_LOG_FILE);
  }

  /** Replays the log (dropping a torn tail) and opens it for appends. */
  async open(): Promise<{ loaded: LoadedGroups; truncatedBytes: number }> {
    await mkdir(this.options.dir, { recursive: true });
    let data: Buffer;
    try {
      data = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      data = Buffer.alloc(0);
    }
    const { payloads, validLength } = decodeFrames(data);
    for (const payload of payloads) for (const op of decodeLogPayload(payload)) this.apply(op);
    this.handle = await open(this.path, 'a');
    if (validLength < data.length) {
      await this.handle.truncate(validLength);
      await this.handle.sync();
    }
    this.size = validLength;
    this.compactedSize = validLength;
    this.opened = true;
    if (data.length === 0) await syncDirectory(this.options.dir);
    return { loaded: this.snapshot(), truncatedBytes: data.length - validLength };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle;
    await this.handle?.close();
    this.handle = null;
  }

  /** The store keeps `group` as given: the caller must not change it afterwards. */
  saveGroup(group: StoredGroup): Promise<void> {
    return this.write({ op: 'group', group });
  }

  saveOffsets(groupId: string, offsets: readonly StoredOffset[]): Promise<void> {
    return this.write({ op: 'offsets', groupId, offsets });
  }

  removeOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void> {
    return this.write({ op: 'removeOffsets', groupId, partitions: partitions.map((p) => [p.topic, p.partition]) });
  }

  removeGroup(groupId: string): Promise<void> {
    return this.write({ op: 'removeGroup', groupId });
  }

  saveConsumerGroup(groupId: string, change: ConsumerGroupChange): Promise<void> {
    return this.write({ op: 'consumerGroup', groupId, change });
  }

  removeConsumerGroup(groupId: string): Promise<void> {
    return this.write({ op: 'removeConsumerGroup', groupId });
  }

  get fileSize(): number {
    return this.size;
  }

  private write(op: LogOp): Promise<void> {
    // The handle is briefly null while compaction swaps files; writes queue up meanwhile and go to the new file.
    if (this.closed || !this.opened) return Promise.reject(new Error('group store is not open'));
    const batch = (this.queue ??= newBatch());
    batch.frames.add(op);
    batch.ops.push(op);
    if (!this.draining) this.idle = this.drain();
    return batch.durable;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue) {
        const batch = this.queue;
        this.queue = null;
        try {
          await this.appendBatch(batch.frames.finish());
          for (const op of batch.ops) this.apply(op);
          batch.resolve();
        } catch (error) {
          batch.reject(error as Error);
        }
        if (this.shouldCompact()) await this.compact().catch(() => undefined);
      }
    } finally {
      this.draining = false;
    }
  }

  private async appendBatch(frames: Buffer[]): Promise<void> {
    const handle = this.handle!;
    const bytes = frames.reduce((n, f) => n + f.length, 0);
    try {
      let written = 0;
      while (written < bytes) {
        const { bytesWritten } = await handle.writev(written === 0 ? frames : [Buffer.concat(frames).subarray(written)]);
        written += bytesWritten;
      }
      if (this.options.fsync) await handle.datasync();
      this.size += bytes;
    } catch (error) {
      // Cut off whatever part of the batch reached the file, so later records never follow a torn one.
      await handle.truncate(this.size).catch(() => undefined);
      throw error;
    }
  }

  private shouldCompact(): boolean {
    return this.size >= this.options.compactMinBytes && this.size >= this.options.compactRatio * Math.max(this.compactedSize, 1);
  }

  /** Rewrites the log as the live state: each group's record, then its offsets; atomic by rename. Runs between batches. */
  private async compact(): Promise<void> {
    const frames = new GroupLogFrames();
    for (const [groupId, entry] of this.state) {
      if (entry.group) frames.add({ op: 'group', group: entry.group });
      if (entry.consumer) {
        const change = { metadata: entry.consumer.metadata, members: [...entry.consumer.members.values()], removedMembers: [] };
        frames.add({ op: 'consumerGroup', groupId, change });
      }
      if (entry.offsets.size) {
        const offsets = [...entry.offsets.values()].flatMap((partitions) => [...partitions.values()]);
        frames.add({ op: 'offsets', groupId, offsets });
      }
    }
    const content = Buffer.concat(frames.finish());
    const old = this.handle;
    this.handle = null;
    await old?.close();
    try {
      await writeFileAtomic(this.path, content);
    } finally {
      this.handle = await open(this.path, 'a');
      this.size = (await stat(this.path)).size;
    }
    this.compactedSize = this.size;
    this.compactions++;
  }

  private apply(op: LogOp): void {
    switch (op.op) {
      case 'group':
        this.entry(op.group.groupId).group = op.group;
        break;
      case 'removeGroup':
        this.state.delete(op.groupId);
        break;
      case 'offsets': {
        const entry = this.entry(op.groupId);
        for (const o of op.offsets) putCommittedOffset(entry.offsets, o, copyOffset);
        break;
      }
      case 'removeOffsets': {
        const entry = this.state.get(op.groupId);
        if (!entry) break;
        for (const [topic, partition] of op.partitions) {
          const partitions = entry.offsets.get(topic);
          if (!partitions) continue;
          partitions.delete(partition);
          if (partitions.size === 0) entry.offsets.delete(topic);
        }
        if (!entry.group && !entry.consumer && entry.offsets.size === 0) this.state.delete(op.groupId);
        break;
      }
      case 'consumerGroup': {
        const entry = this.entry(op.groupId);
        const consumer = (entry.consumer ??= { metadata: op.change.metadata, members: new Map() });
        consumer.metadata = op.change.metadata;
        for (const memberId of op.change.removedMembers) consumer.members.delete(memberId);
        for (const member of op.change.members) consumer.members.set(member.memberId, member);
        break;
      }
      case 'removeConsumerGroup': {
        const entry = this.state.get(op.groupId);
        if (!entry) break;
        entry.consumer = null;
        if (!entry.group && entry.offsets.size === 0) this.state.delete(op.groupId);
        break;
      }
    }
  }

  private entry(groupId: string): GroupEntry {
    let entry = this.state.get(groupId);
    if (!entry) this.state.set(groupId, (entry = { group: null, offsets: new Map(), consumer: null }));
    return entry;
  }

  /** The live state as the log holds it now (a copy): what `open` returned, with every change since applied. */
  snapshot(): LoadedGroups {
    const groups: LoadedGroups['groups'] = new Map();
    for (const [groupId, entry] of this.state) {
      groups.set(groupId, {
        group: entry.group,
        offsets: [...entry.offsets.values()].flatMap((partitions) => [...partitions.values()].map((o) => ({ ...o }))),
        consumer: entry.consumer && { metadata: entry.consumer.metadata, members: [...entry.consumer.members.values()] },
      });
    }
    return { groups };
  }
}

function copyOffset(o: StoredOffset): StoredOffset {
  return { ...o };
}
