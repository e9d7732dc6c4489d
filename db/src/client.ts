import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { postgresClient } from './postgres-client.ts';
import * as schema from '../schema/index.ts';
import { acquireDataDirLock } from './lock.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: domain services accept either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseConnection {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The PGlite instance in embedded mode (pg-boss shares it); undefined on PostgreSQL. */
  pglite?: PGlite;
  /** The connection string on PostgreSQL (pg-boss opens its own small pool). */
  url?: string;
  /** The postgres.js client on PostgreSQL. */
  sql?: postgres.Sql;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… — when absent the embedded PGlite database under dataDir is used. */
  url?: string | undefined;
  /** Directory of the embedded database; 'memory://' for a throw-away one. */
  dataDir?: string;
  /** An already-created PGlite (tests clone a migrated template into one). */
  pglite?: PGlite;
  maxConnections?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseConnection> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  if (options.pglite) return wrapPglite(options.pglite, async () => {});
  const dataDir = options.dataDir ?? '.data/pglite';
  if (dataDir === 'memory://') return wrapPglite(await PGlite.create(), async () => {});
  const absolute = path.resolve(dataDir);
  mkdirSync(absolute, { recursive: true });
  const release = acquireDataDirLock(absolute);
  try {
    const pglite = await PGlite.create({ dataDir: absolute });
    return wrapPglite(pglite, async () => release());
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(url: string, max: number): Promise<DatabaseConnection> {
  const sql = postgresClient(url, { max, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseUnreachableError(url, error);
  }
  const db = drizzlePostgres(sql, { schema }) as unknown as Database;
  return { db, kind: 'postgres', url, sql, close: () => sql.end({ timeout: 5 }) };
}

function wrapPglite(pglite: PGlite, afterClose: () => Promise<void>): DatabaseConnection {
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      if (!pglite.closed) await pglite.close();
      await afterClose();
    },
  };
}

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Cannot reach PostgreSQL at ${safeUrl}: ${reason}. Check DATABASE_URL and that the server is running.`,
    );
    this.name = 'DatabaseUnreachableError';
  }
}
