import { StorageError, StorageErrorCode } from '../files/storage-error';

/** How many recent batches per producer are remembered for duplicate detection (Kafka keeps 5). */
export const PRODUCER_BATCHES_KEPT = 5;

const INT32_MAX = 0x7fffffff;

/** An idempotent batch as the producer-state table sees it. */
export interface ProducerBatch {
  producerId: number;
  epoch: number;
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
  lastOffset: number;
  /** Max timestamp of the batch (or log append time), returned again to a retry. */
  timestamp: number;
}

interface ProducerEntry {
  epoch: number;
  /** Oldest first, at most PRODUCER_BATCHES_KEPT, all of `epoch`. */
  batches: ProducerBatch[];
}

export type ProducerCheck = Pick<ProducerBatch, 'producerId' | 'epoch' | 'firstSeq' | 'lastSeq'>;

/** The serialisable form written to snapshot files. */
export interface ProducerStateSnapshot {
  offset: number;
  batches: ProducerBatch[];
}

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === INT32_MAX);
}

/**
 * Per-partition idempotent producer state with Kafka's rules: a batch matching one of the last
 * five of its producer and epoch is a duplicate (answered with its original offsets); an older
 * epoch is INVALID_PRODUCER_EPOCH; a new epoch must start at sequence 0; within an epoch the
 * sequence must continue from the last batch; a producer the partition has never seen may start
 * anywhere (its earlier batches may have been deleted by retention).
 */
export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  get size(): number {
    return this.producers.size;
  }

  /**
   * Checks the idempotent batches of one append, in order, as if each earlier one had been
   * appended. Returns the original batch when the (first) batch is a retry; throws StorageError
   * for a fenced epoch or a sequence gap; returns undefined when all may be appended.
   */
  check(batches: ProducerCheck[]): ProducerBatch | undefined {
    const pending = new Map<number, { epoch: number; lastSeq: number }>();
    for (const b of batches) {
      const entry = this.producers.get(b.producerId);
      const last = pending.get(b.producerId);
      if (!last && entry && entry.epoch === b.epoch) {
        const dup = entry.batches.find((x) => x.firstSeq === b.firstSeq && x.lastSeq === b.lastSeq);
        if (dup) return dup;
      }
      const current = last ?? (entry && entry.batches.length > 0 ? { epoch: entry.epoch, lastSeq: entry.batches[entry.batches.length - 1].lastSeq } : undefined);
      if (current) {
        if (b.epoch < current.epoch) {
          throw new StorageError(
            StorageErrorCode.invalidProducerEpoch,
            `producer ${b.producerId} epoch ${b.epoch} is older than the current epoch ${current.epoch}`,
          );
        }
        if (b.epoch > current.epoch) {
          if (b.firstSeq !== 0) {
            throw new StorageError(
              StorageErrorCode.outOfOrderSequenceNumber,
              `producer ${b.producerId} new epoch ${b.epoch} must start at sequence 0, got ${b.firstSeq}`,
            );
          }
        } else if (!inSequence(current.lastSeq, b.firstSeq)) {
          throw new StorageError(
            StorageErrorCode.outOfOrderSequenceNumber,
            `producer ${b.producerId} epoch ${b.epoch}: expected sequence ${current.lastSeq === INT32_MAX ? 0 : current.lastSeq + 1}, got ${b.firstSeq}`,
          );
        }
      }
      pending.set(b.producerId, { epoch: b.epoch, lastSeq: b.lastSeq });
    }
    return undefined;
  }

  /** Records an appended batch (already checked, offsets assigned). */
  record(batch: ProducerBatch): void {
    let entry = this.producers.get(batch.producerId);
    if (!entry) {
      entry = { epoch: batch.epoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    } else if (batch.epoch !== entry.epoch) {
      entry.epoch = batch.epoch;
      entry.batches = [];
    }
    entry.batches.push(batch);
    if (entry.batches.length > PRODUCER_BATCHES_KEPT) entry.batches.shift();
  }

  /**
   * Forgets producers whose newest batch is older than `maxAgeMs` (Kafka's
   * producer.id.expiration.ms), so a long-running broker does not keep every producer id forever.
   * A forgotten producer that comes back is treated as new (any sequence accepted).
   */
  expire(now: number, maxAgeMs: number): number {
    let removed = 0;
    for (const [id, entry] of this.producers) {
      const newest = entry.batches[entry.batches.length - 1];
      if (!newest || now - newest.timestamp > maxAgeMs) {
        this.producers.delete(id);
        removed++;
      }
    }
    return removed;
  }

  /**
   * The state as it was just before `offset`: batches at or after it are left out, because the
   * table runs ahead of what is on disk and a snapshot must never claim unwritten batches.
   */
  snapshot(offset: number): ProducerStateSnapshot {
    const batches: ProducerBatch[] = [];
    for (const entry of this.producers.values()) {
      for (const b of entry.batches) if (b.baseOffset < offset) batches.push(b);
    }
    return { offset, batches };
  }

  static restore(snapshot: ProducerStateSnapshot): ProducerStateTable {
    const table = new ProducerStateTable();
    const ordered = snapshot.batches.filter((b) => b.baseOffset < snapshot.offset).sort((a, b) => a.baseOffset - b.baseOffset);
    for (const b of ordered) table.record(b);
    return table;
  }
}
