import { DynamicModule, Module } from '@nestjs/common';
import type { LiveFeedOptions } from './live-env';
import { LIVE_FEED_OPTIONS, LiveFeedServer } from './live-feed.server';

/** The WebSocket live feed of one group. Needs the GovernanceReadModel and ApiAuthModule's options, both global. */
@Module({})
export class LiveModule {
  static forRoot(options: LiveFeedOptions): DynamicModule {
    return {
      module: LiveModule,
      providers: [{ provide: LIVE_FEED_OPTIONS, useValue: options }, LiveFeedServer],
      exports: [LiveFeedServer],
    };
  }
}
