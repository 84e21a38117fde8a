import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TopicRegistry } from './topic-registry';

/**
 * Opens (and recovers) every partition log before the app starts serving, and closes them
 * cleanly last on shutdown, after the Kafka server has stopped taking requests.
 */
@Injectable()
export class TopicsLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly topics: TopicRegistry) {}

  async onModuleInit(): Promise<void> {
    await this.topics.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.topics.stop();
  }
}
