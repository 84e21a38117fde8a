import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations, MigrationError } from '../src/migrations/apply-migrations';
import { dropDatabase, ensureDatabase } from '../src/migrations/ensure-database';
import { MigrationFile, readMigrations } from '../src/migrations/read-migrations';

const migration = (name: string, sql: string): MigrationFile => ({ name, sql, checksum: `${name}-checksum`.padEnd(64, '0').slice(0, 64) });

describe('applyMigrations', () => {
  const url = `postgresql://postgres@127.0.0.1:5432/t_migrate_${randomBytes(4).toString('hex')}`;

  beforeEach(async () => {
    await dropDatabase(url);
    expect(await ensureDatabase(url)).toBe(true);
  });

  afterAll(() => dropDatabase(url));

  it('creates a missing database once and reports it exists the second time', async () => {
    expect(await ensureDatabase(url)).toBe(false);
  });

  it('applies the project migrations once; a second run applies nothing', async () => {
    const names = (await readMigrations()).map((m) => m.name);
    expect(await applyMigrations(url)).toEqual({ applied: names, alreadyApplied: [] });
    expect(await applyMigrations(url)).toEqual({ applied: [], alreadyApplied: names });
  });

  it('refuses to go on when an applied migration was edited afterwards', async () => {
    await applyMigrations(url, [migration('001_a', 'CREATE TABLE a (id int)')]);
    const edited = { ...migration('001_a', 'CREATE TABLE a (id bigint)'), checksum: 'f'.repeat(64) };
    await expect(applyMigrations(url, [edited])).rejects.toThrow(/001_a was changed after it was applied/);
  });

  it('rolls back a failing migration, records its error, and blocks later runs until resolved', async () => {
    const files = [migration('001_ok', 'CREATE TABLE ok (id int)'), migration('002_bad', 'CREATE TABLE half (id int); SELECT * FROM no_such_table')];
    await expect(applyMigrations(url, files)).rejects.toBeInstanceOf(MigrationError);

    const client = new Client({ connectionString: url });
    await client.connect();
    const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    const rows = await client.query('SELECT migration_name, finished_at, logs FROM "_prisma_migrations" ORDER BY started_at');
    await client.end();

    expect(tables.rows.map((r) => r.table_name)).toEqual(['_prisma_migrations', 'ok']);
    expect(rows.rows).toEqual([
      expect.objectContaining({ migration_name: '001_ok', finished_at: expect.any(Date) }),
      expect.objectContaining({ migration_name: '002_bad', finished_at: null, logs: expect.stringContaining('no_such_table') }),
    ]);
    await expect(applyMigrations(url, files)).rejects.toThrow(/002_bad failed earlier/);
  });

  it('lets concurrent runs serialise on the advisory lock without applying anything twice', async () => {
    const results = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied).toEqual((await readMigrations()).map((m) => m.name));
  });
});
