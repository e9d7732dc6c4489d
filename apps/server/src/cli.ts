// Must stay the first import (see the module).
import './load-env.ts';
import path from 'node:path';
import {
  createAdministrator,
  type ExternalCheckpoint,
  isAppError,
  parseCheckpointLine,
  setAuditSigningKey,
  verifyAuditChain,
} from '@outpost/core';
import { type DatabaseConnection, migrate, migrationsCurrent, openDatabase } from '@outpost/db';
import { createStorage } from '@outpost/infra';
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
 *   admin:create   `--email … --name …` creates an administrator and prints a one-time
 *                  set-password link; refused while one exists unless `--force --reason "…"`
 *                  (audited; docs/decisions/042).
 */
const usage = 'Usage: node apps/server/src/cli.ts <migrate|seed|verify-audit|admin:create>';
const commands = ['migrate', 'seed', 'verify-audit', 'admin:create'];

/** `--name value` / `--name=value` options and bare `--flag`s after the command. */
function options(args: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) out.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) out.set(arg.slice(2), args[++i]!);
    else out.set(arg.slice(2), true);
  }
  return out;
}

async function adminCreate(conn: DatabaseConnection): Promise<number> {
  const opts = options(process.argv.slice(3));
  const email = opts.get('email');
  const name = opts.get('name');
  const reason = opts.get('reason');
  const locale = opts.get('locale');
  if (typeof email !== 'string' || typeof name !== 'string') {
    console.error(
      'Usage: npm run admin:create -- --email <address> --name "<name>" [--locale en] [--force --reason "…"]',
    );
    return 64;
  }
  await migrate(conn);
  await ensureReferenceData(conn.db);
  try {
    const created = await createAdministrator(conn.db, {
      email,
      displayName: name,
      force: opts.get('force') === true,
      reason: typeof reason === 'string' ? reason : undefined,
      locale: locale === 'en' ? 'en' : 'zh-CN',
    });
    const link = `${loadConfig().publicUrl}${created.link.path}`;
    console.log(
      `Administrator ${email} created${created.forced ? ' (forced; recorded in the audit log)' : ''}.\n` +
        `Open this link to set the password — it works once, until ${created.link.expiresAt.toISOString()}:\n\n  ${link}\n`,
    );
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = (error.details?.fields as { path: string; message: string }[] | undefined) ?? [];
    console.error(
      [
        error.message,
        ...fields.map((f) => `  --${f.path === 'displayName' ? 'name' : f.path}: ${f.message}`),
      ].join('\n'),
    );
    return error.code === 'conflict' ? 3 : 64;
  }
}
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
      return adminCreate(conn);
    default:
      console.error(usage);
      return 64;
  }
}

if (!commands.includes(command ?? '')) {
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
