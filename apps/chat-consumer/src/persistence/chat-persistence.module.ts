import { DynamicModule, Global, Module } from '@nestjs/common';
import { BATCHER_OPTIONS, BatcherSettings, ChatPersistenceService } from './chat-persistence.service';
import { ChatPersistenceReadinessCheck } from './chat-persistence.readiness';
import { ChatEventsListener } from './chat-events.listener';
import { ChatMessageWriter } from './chat-message.writer';
import { ChatWritePoolCloser, ChatWritePoolSettings, chatWritePoolProvider } from './chat-write-pool';

/** Done events → batches → Postgres. Global so PlatformModule's readiness can use its check. */
@Global()
@Module({})
export class ChatPersistenceModule {
  static forRoot(settings: BatcherSettings, pool: ChatWritePoolSettings): DynamicModule {
    return {
      module: ChatPersistenceModule,
      controllers: [ChatEventsListener],
      providers: [
        { provide: BATCHER_OPTIONS, useValue: settings },
        chatWritePoolProvider(pool),
        ChatWritePoolCloser,
        ChatMessageWriter,
        ChatPersistenceService,
        ChatPersistenceReadinessCheck,
      ],
      exports: [ChatPersistenceReadinessCheck],
    };
  }
}
