import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { postgresClient } from './postgres-client.ts';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DatabaseConnection } from './client.ts';
import { rowsOf } from './rows.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies every committed migration not yet applied. Safe to run from several processes at once on PostgreSQL. */
export async function migrate(conn: DatabaseConnection): Promise<void> {
  if (conn.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's migrator is typed per driver
    await migratePglite(conn.db as any, { migrationsFolder });
    return;
  }
  // Several web processes may start at once: serialise them on an advisory lock. A
  // session lock must be released on the connection that took it, hence a one-connection client.
  const client = postgresClient(conn.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7240219)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Number of migrations committed in the repository. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** True when the database has every committed migration (used by /readyz). */
export async function migrationsCurrent(conn: DatabaseConnection): Promise<boolean> {
  try {
    const rows = await conn.db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const list = rowsOf<{ n: number }>(rows);
    return Number(list[0]?.n ?? 0) >= expectedMigrationCount();
  } catch {
    return false;
  }
}
