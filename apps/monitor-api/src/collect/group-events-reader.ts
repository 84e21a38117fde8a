import { decodeStreamEntry, fieldsToRecord, groupEventSchema, type GroupEvent } from '@app/domain';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../governance/clock';

const BATCH = 5000;

/**
 * Reads `broker:group-events` (our broker's coordinator publishes joins, leaves and rebalances there) without a
 * consumer group: monitor-api only observes, and every replica needs every event. The first read starts
 * `lookbackMs` back (stream ids begin with their millisecond time), later reads continue after the last id.
 * An entry that fails its schema is logged with the reason and skipped: the stream is the broker's, not ours
 * to dead-letter or acknowledge.
 */
export class GroupEventsReader {
  private lastId: string | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly lookbackMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async read(): Promise<GroupEvent[]> {
    const events: GroupEvent[] = [];
    let start = this.lastId === null ? `${Math.max(0, this.clock.now() - this.lookbackMs)}-0` : `(${this.lastId}`;
    for (;;) {
      const entries = (await this.redis.xrange(this.stream, start, '+', 'COUNT', BATCH)) as [string, string[]][];
      for (const [id, flat] of entries) {
        this.lastId = id;
        const decoded = decodeStreamEntry(fieldsToRecord(flat), groupEventSchema);
        if (decoded.ok) events.push(decoded.event);
        else this.logger.warn({ stream: this.stream, entry_id: id, reason: decoded.reason }, 'skipping an invalid group event');
      }
      if (entries.length < BATCH) break;
      start = `(${this.lastId}`;
    }
    if (this.lastId === null) this.lastId = `${Math.max(0, this.clock.now() - this.lookbackMs)}-0`;
    return events;
  }
}
