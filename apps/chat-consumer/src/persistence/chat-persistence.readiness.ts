import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '@app/platform';
import { ChatPersistenceService } from './chat-persistence.service';

/**
 * Not ready while batches fail to commit: Postgres may answer a ping yet refuse writes (read-only,
 * disk full, lock timeouts), and then this pod is holding events it cannot store.
 */
@Injectable()
export class ChatPersistenceReadinessCheck implements ReadinessCheck {
  readonly name = 'chat-persistence';

  constructor(private readonly persistence: ChatPersistenceService) {}

  async check(): Promise<void> {
    const failure = this.persistence.lastFailure;
    if (failure) throw new Error(`batch flushes failing since ${failure.since.toISOString()}: ${failure.error.message}`);
  }
}
