import { encodeStreamEntry, type ConsumerDomainEvent, type GovernanceAlertEntry } from '@app/domain';
import type { Redis } from 'ioredis';

/** Appends to `governance:alerts` (one JSON field `data`), trimmed approximately to `maxLen` entries. */
export class AlertPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly maxLen: number,
  ) {}

  async publish(entries: readonly (GovernanceAlertEntry | ConsumerDomainEvent)[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const e of entries) pipeline.xadd(this.stream, 'MAXLEN', '~', this.maxLen, '*', ...encodeStreamEntry(e));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }
}
