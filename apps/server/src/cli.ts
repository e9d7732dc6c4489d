// Must stay the first import (see the module).
import './load-env.ts';
import path from 'node:path';
import {
  type ExternalCheckpoint,
  parseCheckpointLine,
  setAuditSigningKey,
  verifyAuditChain,
} from '@outpost/core';
import { type DatabaseConnection, migrate, migrationsCurrent, openDatabase } from '@outpost/db';
import { createStorage } from '@outpost/infra';
import { adminCreate } from './admin-create.ts';
import { loadConfig } from './config.ts';
import { ensureReferenceData } from './prepare.ts';
import { isEmpty, seedDemo } from './seed/index.ts';

/**
 * Operator commands, against DATABASE_URL or the embedded database:
 *   migrate        apply committed migrations
 *   seed           add the demo data (only into an empty database)
 *   verify-audit   walk the audit hash chain, its signatures and checkpoints; exit 2 and
 *                  name the first broken entry. `--checkpoint <line>` (repeatable) adds
 *                  checkpoints kept outside the database (docs/decisions/017).
 *   admin:create   the first administrator and a one-time set-password link (admin-create.ts).
 */
const usage = 'Usage: node apps/server/src/cli.ts <migrate|seed|verify-audit|admin:create>';
const command = process.argv[2];

async function run(conn: DatabaseConnection): Promise<number> {
  switch (command) {
    case 'migrate':
      await migrate(conn);
      console.log('Migrations applied; the database is current.');
      return 0;
    case 'seed':
      await migrate(conn);
      if (!(await isEmpty(conn.db))) {
        console.error('The database already has users; demo data is only added to an empty database.');
        return 1;
      }
      await ensureReferenceData(conn.db);
      await seedDemo(conn.db, createStorage(loadConfig().storage));
      console.log('Demo data added.');
      return 0;
    case 'verify-audit': {
      if (!(await migrationsCurrent(conn))) {
        console.error(
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
          console.error('A --checkpoint must be a line as posted by the audit-checkpoint job.');
          return 64;
        }
        external.push(parsed);
      }
      const report = await verifyAuditChain(conn.db, { external });
      if (report.ok) {
        console.log(
          `Audit chain intact: ${report.checked} entries verified against ${report.checkpoints} checkpoints` +
            (report.unsigned ? ` (${report.unsigned} older entries predate signing).` : '.'),
        );
        return 0;
      }
      console.error(
        `Audit chain BROKEN at entry #${report.brokenAt}: ${report.reason}. ${report.checked} entries before it verified.`,
      );
      return 2;
    }
    case 'admin:create':
      return adminCreate(conn, process.argv.slice(3));
    default:
      console.error(usage);
      return 64;
  }
}

if (!['migrate', 'seed', 'verify-audit', 'admin:create'].includes(command ?? '')) {
  console.error(usage);
  process.exit(64);
}
let conn: DatabaseConnection | undefined;
let code = 1;
try {
  const config = loadConfig();
  setAuditSigningKey(config.audit.signingKey);
  conn = await openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    statementConnections: config.databaseConnections.statements,
    transactionConnections: config.databaseConnections.transactions,
  });
  code = await run(conn);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
} finally {
  await conn?.close();
}
process.exit(code);
