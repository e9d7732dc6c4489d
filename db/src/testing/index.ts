import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgresClient } from '../postgres-client.ts';
import { type DatabaseConnection, openDatabase } from '../client.ts';
import { migrate, migrationsFolder } from '../migrate.ts';

/**
 * A fresh, migrated database for one test file. Without DATABASE_URL it is an
 * in-memory PGlite cloned from a migrated template (migrating once per change of
 * the migrations, not per file). With DATABASE_URL it is a new PostgreSQL database
 * created from a migrated template database, dropped on close — so test workers
 * never share state.
 */
export async function createTestDatabase(): Promise<DatabaseConnection> {
  const url = process.env.DATABASE_URL;
  return url ? createPostgresTestDatabase(url) : createPgliteTestDatabase();
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

async function createPgliteTestDatabase(): Promise<DatabaseConnection> {
  const templatePath = path.join(os.tmpdir(), `outpost-pglite-${migrationsHash()}.tar.gz`);
  if (!existsSync(templatePath)) {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    await migrate(fresh);
    const dump = await fresh.pglite!.dumpDataDir('none');
    await fresh.close();
    const temp = `${templatePath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    renameSync(temp, templatePath); // atomic: parallel workers never read half a file
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(templatePath)]) });
  return openDatabase({ pglite });
}

async function createPostgresTestDatabase(adminUrl: string): Promise<DatabaseConnection> {
  const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
  const template = `outpost_tpl_${migrationsHash()}`;
  const name = `outpost_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin`select pg_advisory_lock(7240400)`;
    try {
      const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
      if (!exists) {
        await admin.unsafe(`create database "${template}"`);
        const conn = await openDatabase({
          url: withDatabase(adminUrl, template),
          statementConnections: 1,
          transactionConnections: 1,
        });
        try {
          await migrate(conn);
        } finally {
          await conn.close();
        }
      }
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin`select pg_advisory_unlock(7240400)`;
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const conn = await openDatabase({ url: withDatabase(adminUrl, name), transactionConnections: 5 });
  return {
    ...conn,
    async close() {
      await conn.close();
      const dropper = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await dropper.end({ timeout: 5 });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
