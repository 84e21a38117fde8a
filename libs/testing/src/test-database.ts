import { randomBytes } from 'node:crypto';
import { applyMigrations, dropDatabase, ensureDatabase } from '@app/db';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Base URL of the local Postgres; TEST_DATABASE_URL points tests elsewhere. Only the database name is replaced. */
const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A fresh database with every migration applied, so each test file starts from the real schema and owns its rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = new URL(BASE_URL);
  url.pathname = `/t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  return { url: databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
