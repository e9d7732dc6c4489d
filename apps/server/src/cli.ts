// Must stay the first import (see the module).
import './load-env.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  type ExternalCheckpoint,
  parseCheckpointLine,
  setAuditSigningKey,
  verifyAuditChain,
} from '@outpost/core';
import { type DatabaseConnection, migrate, migrationsCurrent, openDatabase } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { createStorage } from '@outpost/infra';
import { loadConfig } from './config.ts';
import {
  BackupError,
  backupPglite,
  backupPostgres,
  restorePglite,
  restorePostgres,
} from './operating/backup.ts';
import { ensureReferenceData } from './prepare.ts';
import { isEmpty, seedDemo } from './seed/index.ts';

/**
 * Operator commands, against DATABASE_URL or the embedded database:
 *   migrate        apply committed migrations
 *   seed           add the demo data (only into an empty database)
 *   verify-audit   walk the audit hash chain, its signatures and checkpoints; exit 2 and
 *                  name the first broken entry. `--checkpoint <line>` (repeatable) adds
 *                  checkpoints kept outside the database (docs/decisions/017).
 *   backup --out F restore --in F
 *                  dump the database to a file and create one from it, then verify its audit
 *                  chain (operating/backup.ts; decision record 044).
 *
 * What they print is for the person at the terminal (stdout, stderr), not log lines.
 */
const usage =
  'Usage: node apps/server/src/cli.ts <migrate|seed|verify-audit|backup --out FILE|restore --in FILE>';
const commands = ['migrate', 'seed', 'verify-audit', 'backup', 'restore'];
const command = process.argv[2];
const print = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);
class UsageError extends Error {}
const option = (name: string) => {
  const args = process.argv.slice(3);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

async function run(conn: DatabaseConnection): Promise<number> {
  switch (command) {
    case 'migrate':
      await migrate(conn);
      print('Migrations applied; the database is current.');
      return 0;
    case 'seed':
      await migrate(conn);
      if (!(await isEmpty(conn.db))) {
        complain('The database already has users; demo data is only added to an empty database.');
        return 1;
      }
      await ensureReferenceData(conn.db);
      await seedDemo(conn.db, createStorage(loadConfig().storage));
      print('Demo data added.');
      return 0;
    case 'verify-audit': {
      if (!(await migrationsCurrent(conn))) {
        complain(
          'This database is not migrated yet (run "npm run db:migrate"); there is no audit log to verify.',
        );
        return 1;
      }
      const external: ExternalCheckpoint[] = [];
      const args = process.argv.slice(3);
      for (let i = 0; i < args.length; i++) {
        if (args[i] !== '--checkpoint') continue;
        const parsed = parseCheckpointLine(args[++i] ?? '');
        if (!parsed) {
          complain('A --checkpoint must be a line as posted by the audit-checkpoint job.');
          return 64;
        }
        external.push(parsed);
      }
      return verify(conn, external);
    }
    default:
      complain(usage);
      return 64;
  }
}

/** The verify-audit report: 0 intact, 2 broken (naming the first broken entry). */
async function verify(conn: DatabaseConnection, external: ExternalCheckpoint[] = []): Promise<number> {
  const report = await verifyAuditChain(conn.db, { external });
  if (report.ok) {
    print(
      `Audit chain intact: ${report.checked} entries verified against ${report.checkpoints} checkpoints` +
        (report.unsigned ? ` (${report.unsigned} older entries predate signing).` : '.'),
    );
    return 0;
  }
  complain(
    `Audit chain BROKEN at entry #${report.brokenAt}: ${report.reason}. ${report.checked} entries before it verified.`,
  );
  return 2;
}

if (!commands.includes(command ?? '')) {
  complain(usage);
  process.exit(64);
}
let conn: DatabaseConnection | undefined;
let code = 1;
try {
  const config = loadConfig();
  setAuditSigningKey(config.audit.signingKey);
  const dataDir = path.join(config.dataDir, 'pglite');
  const open = () =>
    openDatabase({
      url: config.databaseUrl,
      dataDir,
      statementConnections: config.databaseConnections.statements,
      transactionConnections: config.databaseConnections.transactions,
      prepare: config.databasePrepare,
    });
  if (command === 'backup') {
    const out = option('--out');
    if (!out) throw new UsageError('backup needs --out FILE (e.g. npm run db:backup -- --out outpost.dump).');
    if (existsSync(out))
      throw new BackupError(`${out} exists already; choose a new file name. Nothing was written.`);
    conn = await open();
    if (conn.kind === 'pglite') {
      const bytes = await backupPglite(conn.pglite!, out);
      print(
        `Embedded database in ${dataDir} written to ${out} (${bytes} bytes, gzipped tar of the data directory).`,
      );
    } else {
      await backupPostgres(config.databaseUrl!, out);
      print(`PostgreSQL database dumped to ${out} (pg_dump custom format; restore with npm run db:restore).`);
    }
    code = 0;
  } else if (command === 'restore') {
    const file = option('--in');
    if (!file)
      throw new UsageError('restore needs --in FILE (e.g. npm run db:restore -- --in outpost.dump).');
    if (!config.databaseUrl) {
      await restorePglite(file, dataDir);
      conn = await open();
    } else {
      conn = await open();
      const db = conn.db;
      await restorePostgres(config.databaseUrl, file, async () => {
        const [row] = (await db.execute(
          sql`select to_regclass('public.audit_log') is not null as present`,
        )) as unknown as {
          present: boolean;
        }[];
        return Boolean(row?.present);
      });
    }
    print(`Restored from ${file}. Verifying its audit chain…`);
    code = await verify(conn);
    if (code === 0 && !(await migrationsCurrent(conn)))
      print(
        'The backup predates migrations of this version: run "npm run db:migrate" before starting Outpost.',
      );
  } else {
    conn = await open();
    code = await run(conn);
  }
} catch (error) {
  complain(error instanceof Error ? error.message : String(error));
  if (error instanceof UsageError) code = 64;
} finally {
  await conn?.close();
}
process.exit(code);
