import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ChatDoneEvent, isChatDoneEvent, persistableChatEventSchema } from '@app/domain';
import { HandlerOutcome, RedisStreamsContext, StreamBatch, StreamEntries, streamSubscription } from '@app/redis-streams';
import { ChatPersistenceService } from './chat-persistence.service';
import { toChatRow } from './chat-row';

/** Where the stream names come from: the app provides `CHAT_EVENT_STREAMS` under this token. */
export const CHAT_EVENT_STREAMS = Symbol('CHAT_EVENT_STREAMS');

/**
 * Every chat event of the shards is checked against persistableChatEventSchema (an invalid one,
 * done or not, is dead-lettered with the reason by the transport); only `done` events reach the
 * handler, every other stage is acknowledged at once.
 */
export const CHAT_DONE_EVENTS = streamSubscription({
  pattern: 'chat-events',
  streams: CHAT_EVENT_STREAMS,
  schema: persistableChatEventSchema,
  accept: isChatDoneEvent,
});

/**
 * Receives the valid `done` events of one shard read and resolves once they are committed, which
 * is when the transport acknowledges them. Events Postgres refuses come back as rejections and go
 * to the dead-letter stream with the reason.
 */
@Controller()
export class ChatEventsListener {
  constructor(private readonly persistence: ChatPersistenceService) {}

  @StreamEntries(CHAT_DONE_EVENTS)
  async handle(@Payload() batch: StreamBatch<ChatDoneEvent>, @Ctx() _context: RedisStreamsContext): Promise<HandlerOutcome> {
    return { rejected: await this.persistence.persist(batch.entries.map(toChatRow)) };
  }
}
