import { isDatabaseUnavailable } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { loggerFor } from '@outpost/log';
import { fromPglite, PgBoss } from 'pg-boss';

/**
 * pg-boss on the same database as the app: its own small pool on PostgreSQL, the
 * shared single connection on the embedded PGlite (pg-boss never closes that one).
 */
export function createBoss(conn: DatabaseConnection): PgBoss {
  const boss =
    conn.kind === 'postgres'
      ? new PgBoss({ connectionString: conn.url!, max: 4, application_name: 'outpost-worker' })
      : new PgBoss({ backend: 'pglite', db: fromPglite(conn.pglite!) });
  // An 'error' event without a listener would crash the process; a failed poll is worth a log line, not an outage.
  // A lost connection (PostgreSQL restarting) is an outage pg-boss recovers from, not a bug: warn (decision 054).
  boss.on('error', (error) =>
    isDatabaseUnavailable(error)
      ? loggerFor('pg-boss').warn({ err: error }, 'pg-boss lost its database connection; retrying')
      : loggerFor('pg-boss').error({ err: error }, 'pg-boss error'),
  );
  return boss;
}
