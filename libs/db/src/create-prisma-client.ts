import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type DbClient = PrismaClient;

/**
 * A Prisma client on the `pg` driver adapter: no query-engine binary to download, and the same
 * pool serves Prisma's queries and the raw SQL the hot paths use.
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10): DbClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 2_000 });
  return new PrismaClient({ adapter });
}
