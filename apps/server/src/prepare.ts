import {
  ensureDefaultContractLibrary,
  ensureDefaultKpis,
  ensureDefaultRequirements,
  ensureDefaultRiskRules,
  type FileStorage,
} from '@outpost/core';
import { type Database, type DatabaseConnection, migrate } from '@outpost/db';
import type { Config } from './config.ts';
import { DEMO_PASSWORD, demoLogins, isEmpty, seedDemo } from './seed/index.ts';

/**
 * Applies migrations, makes sure the reference data a new installation starts with
 * exists (document catalogue, KPI definitions — never overwriting staff edits) and, on
 * a first run of the embedded database (or SEED_DEMO=true), seeds demo data.
 */
export async function prepareDatabase(conn: DatabaseConnection, config: Config, storage: FileStorage) {
  await migrate(conn);
  await ensureReferenceData(conn.db);
  const wantSeed = config.seedDemo === 'true' || (config.seedDemo === 'auto' && conn.kind === 'pglite');
  let seeded = false;
  if (wantSeed && (await isEmpty(conn.db))) {
    await seedDemo(conn.db, storage);
    seeded = true;
  }
  const showLogins = wantSeed || seeded;
  const width = Math.max(...demoLogins.map((l) => l.email.length));
  const logins = showLogins
    ? [
        `\nDemo logins (password for all: ${DEMO_PASSWORD}):`,
        ...demoLogins.map((l) => `  ${l.email.padEnd(width)}  ${l.who}`),
      ].join('\n')
    : '';
  return { seeded, logins };
}

/** What every installation starts with; never overwrites what staff have changed. */
export async function ensureReferenceData(db: Database): Promise<void> {
  await ensureDefaultRequirements(db);
  await ensureDefaultKpis(db);
  // After the KPIs: the default KPI rules name them.
  await ensureDefaultRiskRules(db);
  await ensureDefaultContractLibrary(db);
}
