import { Inject, Injectable, Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Pool } from 'pg';

export const CHAT_WRITE_POOL = Symbol('CHAT_WRITE_POOL');

export interface ChatWritePoolSettings {
  databaseUrl: string;
  /** One connection per concurrent flush. */
  size: number;
}

/**
 * The `pg` pool the batches are written through, beside the Prisma client's own pool (which keeps
 * serving the readiness check). Batches skip Prisma because its raw-query path doubled the node CPU
 * of a write (bench/chat-consumer/insert-methods.ts: 15.6 against 7.7 µs per event): it serialises
 * the parameters to JSON and back on every call, and the batch parameters are large JSON strings.
 */
export function chatWritePoolProvider(settings: ChatWritePoolSettings): Provider {
  return {
    provide: CHAT_WRITE_POOL,
    useFactory: () => {
      const pool = new Pool({ connectionString: settings.databaseUrl, max: settings.size, connectionTimeoutMillis: 2_000 });
      const logger = new Logger('ChatWritePool');
      // An idle connection that breaks (Postgres restarted, network cut) is dropped from the pool; without a listener it would crash the process.
      pool.on('error', (error) => logger.warn({ err: error.message }, 'an idle Postgres connection failed and was dropped from the write pool'));
      return pool;
    },
  };
}

/** Closes the write pool once the stream server has drained, that is after the last batch is committed. */
@Injectable()
export class ChatWritePoolCloser implements OnApplicationShutdown {
  constructor(@Inject(CHAT_WRITE_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
