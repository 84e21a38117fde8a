import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type DbClient = PrismaClient;

/**
 * A Prisma client on the `pg` driver adapter: no query-engine binary to download, and the driver is
 * the same `pg` a hot path may use directly (chat-consumer writes its batches through a `pg` pool of
 * its own: Prisma's raw-query path re-serialised the large JSON parameters at twice the CPU).
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10): DbClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 2_000 });
  return new PrismaClient({ adapter });
}
