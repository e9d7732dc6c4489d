import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
  /** The postgres.js client of single statements on PostgreSQL (transactions have their own). */
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
  /** PostgreSQL connections for single statements, which postgres.js pipelines (see openPostgres). */
  statementConnections?: number;
  /** PostgreSQL connections for transactions (each holds one until it commits). */
  transactionConnections?: number;
  /**
   * postgres.js prepares each statement once per connection (default). A pooler in transaction
   * mode (PgBouncer < 1.21, some managed poolers) cannot keep them: DATABASE_PREPARE=false.
   */
  prepare?: boolean;
}

/**
 * Statement connections by default: one per core of this machine, at least 2 and at most 8.
 * Statements are pipelined on busy connections, so more would only add PostgreSQL backends
 * competing for the same cores (decision record 011).
 */
const defaultStatementConnections = () => Math.min(8, Math.max(2, availableParallelism()));

/**
 * How long each transaction waited before its callback ran: a free connection of the
 * transaction pool (postgres.js exposes no pool statistics, so this is measured here, around
 * `db.transaction`), or PGlite's single connection, plus the BEGIN round trip. Per process;
 * /metrics publishes it (decision record 044).
 */
type WaitListener = (seconds: number, kind: DatabaseConnection['kind']) => void;
const waitListeners = new Set<WaitListener>();
export function onTransactionWait(listener: WaitListener): () => void {
  waitListeners.add(listener);
  return () => waitListeners.delete(listener);
}

function measureTransactionWaits(conn: DatabaseConnection): DatabaseConnection {
  const begin = conn.db.transaction.bind(conn.db);
  conn.db.transaction = ((run: (tx: Database) => Promise<unknown>, config?: unknown) => {
    const asked = performance.now();
    return begin(
      (tx) => {
        const seconds = (performance.now() - asked) / 1000;
        for (const listener of waitListeners) listener(seconds, conn.kind);
        return run(tx as Database);
      },
      config as Parameters<typeof begin>[1],
    );
  }) as typeof conn.db.transaction;
  return conn;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseConnection> {
  return measureTransactionWaits(await openConnection(options));
}

async function openConnection(options: OpenOptions): Promise<DatabaseConnection> {
  if (options.url)
    return openPostgres(
      options.url,
      {
        statements: options.statementConnections ?? defaultStatementConnections(),
        transactions: options.transactionConnections ?? 10,
      },
      options.prepare ?? true,
    );
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

/**
 * Two pools on one server. Single statements (most page views: the session, then one read)
 * go to a small pool: postgres.js sends a statement on an idle connection, else pipelines it
 * behind others on a busy one, so under load several statements share one write and one read
 * and a few backends stay busy instead of many waking up — on a 2-core machine shared with
 * PostgreSQL this cut a page view's server time by a fifth. Transactions hold a connection
 * until they commit (an ingestion batch for a second or more), so they get their own pool
 * and never stall the page views queued behind them.
 */
async function openPostgres(
  url: string,
  pools: { transactions: number; statements: number },
  prepare: boolean,
): Promise<DatabaseConnection> {
  const options = { onnotice: () => {}, connect_timeout: 10, prepare };
  const sql = postgresClient(url, { ...options, max: pools.statements });
  const txSql = postgresClient(url, { ...options, max: pools.transactions });
  const closeAll = (timeout: number) =>
    Promise.all([sql.end({ timeout }), txSql.end({ timeout })]).then(() => {});
  try {
    await sql`select 1`;
  } catch (error) {
    await closeAll(1).catch(() => {});
    throw new DatabaseUnreachableError(url, error);
  }
  const db = drizzlePostgres(sql, { schema }) as unknown as Database;
  const txDb = drizzlePostgres(txSql, { schema }) as unknown as Database;
  db.transaction = txDb.transaction.bind(txDb);
  return { db, kind: 'postgres', url, sql, close: () => closeAll(5) };
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
