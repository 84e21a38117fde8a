import type { ConsumerDomainEvent, GovernanceAlertEntry } from '@app/domain';
import type { RedisClient } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';

/** Appends to `governance:alerts` (one JSON field `data`), trimmed approximately to `maxLen` entries. */
export class AlertPublisher {
  private readonly client: RedisStreamsClient;

  constructor(
    redis: RedisClient,
    private readonly stream: string,
    maxLen: number,
  ) {
    this.client = new RedisStreamsClient(redis, { maxLen });
  }

  /** Rejects with the first error Redis answered, so the caller keeps the alerts to publish again. */
  async publish(entries: readonly (GovernanceAlertEntry | ConsumerDomainEvent)[]): Promise<void> {
    if (entries.length === 0) return;
    const failed = (await this.client.addAll(this.stream, entries)).find((result) => result instanceof Error);
    if (failed) throw failed;
  }
}
