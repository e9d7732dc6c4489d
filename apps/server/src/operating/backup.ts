import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backup and restore (decision record 044), for `npm run db:backup -- --out FILE` and
 * `npm run db:restore -- --in FILE` (cli.ts).
 *
 * - Embedded database (no DATABASE_URL): PGlite's own `dumpDataDir` — a gzipped tarball of the
 *   data directory, taken with the database open and quiet (the server must be stopped: the
 *   data directory is single-process and its lock says so) — restored with `loadDataDir` into a
 *   data directory that does not exist yet or is empty.
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` and `pg_restore` into a database
 *   without Outpost's tables, in one transaction. The tools must be installed (same major
 *   version as the server, or newer); without them the command refuses and says so.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface PostgresTools {
  pgDump: string;
  pgRestore: string;
}
const defaultTools: PostgresTools = { pgDump: 'pg_dump', pgRestore: 'pg_restore' };

/** Writes the embedded database under `dataDir` to `out` (.tar.gz). The caller holds the data directory lock. */
export async function backupPglite(pglite: PGlite, out: string): Promise<number> {
  const dump = await pglite.dumpDataDir('gzip');
  const bytes = Buffer.from(await dump.arrayBuffer());
  writeFileSync(out, bytes, { mode: 0o600 });
  return bytes.length;
}

/** Creates the embedded database in `dataDir` from a dump; refuses a data directory that holds anything. */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const target = path.resolve(dataDir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new BackupError(
      `${target} is not empty: restore into a new place (set DATA_DIR to an empty directory), or move the current database away first. Nothing was changed.`,
    );
  }
  mkdirSync(target, { recursive: true });
  const pglite = await PGlite.create({ dataDir: target, loadDataDir: new Blob([readFileSync(file)]) });
  await pglite.close();
}

export async function backupPostgres(url: string, out: string, tools = defaultTools): Promise<void> {
  await requireTool(tools.pgDump);
  await run(tools.pgDump, [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    `--file=${out}`,
    `--dbname=${url}`,
  ]);
}

/** Restores into the database of `url`, which must not hold Outpost's tables yet (create it empty first). */
export async function restorePostgres(
  url: string,
  file: string,
  hasTables: () => Promise<boolean>,
  tools = defaultTools,
): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  await requireTool(tools.pgRestore);
  if (await hasTables()) {
    throw new BackupError(
      'The database of DATABASE_URL already holds Outpost tables: restore into a new, empty database (createdb …) and point DATABASE_URL at it. Nothing was changed.',
    );
  }
  await run(tools.pgRestore, [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${url}`,
    file,
  ]);
}

async function requireTool(tool: string): Promise<void> {
  try {
    await run(tool, ['--version']);
  } catch {
    throw new BackupError(
      `${tool} was not found: install the PostgreSQL client tools (e.g. apt-get install postgresql-client, of the server's major version or newer) and run the command again. Nothing was changed.`,
    );
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new BackupError(`${path.basename(command)} failed (exit ${code}): ${hideSecrets(stderr.trim())}`),
          ),
    );
  });
}

const hideSecrets = (text: string) => text.replace(/\/\/([^:@/]+):[^@/]+@/g, '//$1:***@');
