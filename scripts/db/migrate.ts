import { applyMigrations, ensureDatabase, MigrationError } from '@app/db';
import { createRootLogger } from '@app/platform';

/**
 * `npm run db:migrate`: creates the database in DATABASE_URL when missing and applies pending
 * migrations, recording them as `prisma migrate deploy` would. The services never migrate on start.
 */
async function main(): Promise<void> {
  const logger = createRootLogger('db-migrate');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/streaming';
  const target = new URL(databaseUrl);
  const where = { host: target.host, database: target.pathname.slice(1) };
  try {
    if (await ensureDatabase(databaseUrl)) logger.info(where, 'created database');
    const result = await applyMigrations(databaseUrl);
    logger.info({ ...where, applied: result.applied, alreadyApplied: result.alreadyApplied.length }, result.applied.length ? 'migrations applied' : 'database is up to date');
    logger.flush();
  } catch (error) {
    logger.fatal({ ...where, err: error instanceof MigrationError ? error.message : error }, 'migration failed');
    logger.flush();
    process.exitCode = 1;
  }
}

void main();
