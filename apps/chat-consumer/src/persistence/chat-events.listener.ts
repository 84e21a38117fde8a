import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ChatEvent } from '@app/domain';
import type { HandlerOutcome, RedisStreamsContext, StreamBatch } from '@app/redis-streams';
import { ChatPersistenceService } from './chat-persistence.service';
import { toChatRow } from './chat-row';

export const CHAT_EVENTS_PATTERN = 'chat-events';

/**
 * Receives the `done` events of one shard read (the subscription acknowledges every other stage
 * before this runs) and resolves once they are committed, which is when the runner acknowledges
 * them. Events that are not valid done events, or that Postgres refuses, come back as rejections
 * and go to the dead-letter stream with the reason.
 */
@Controller()
export class ChatEventsListener {
  constructor(private readonly persistence: ChatPersistenceService) {}

  @EventPattern(CHAT_EVENTS_PATTERN)
  async handle(@Payload() batch: StreamBatch<ChatEvent>, @Ctx() _context: RedisStreamsContext): Promise<HandlerOutcome> {
    const rejected: { id: string; reason: string }[] = [];
    const rows = [];
    for (const entry of batch.entries) {
      const result = toChatRow(entry);
      if (result.ok) rows.push(result.row);
      else rejected.push({ id: entry.id, reason: result.reason });
    }
    rejected.push(...(await this.persistence.persist(rows)));
    return { rejected };
  }
}
