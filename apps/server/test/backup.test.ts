import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit, systemActor, verifyAuditChain } from '@outpost/core';
import { migrate, openDatabase, postgresClient } from '@outpost/db';
import { describe, expect, it } from 'vitest';
import { BackupError, backupPostgres, restorePostgres } from '../src/operating/backup.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
/** The documented command, as an operator runs it (npm run db:backup / db:restore call this). */
const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, DATABASE_URL: '', SEED_DEMO: 'false', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

/** A migrated database with a few audit entries, as any running Outpost has. */
async function fillAudit(conn: Awaited<ReturnType<typeof openDatabase>>, count: number) {
  await migrate(conn);
  for (let i = 0; i < count; i++)
    await conn.db.transaction((tx) =>
      audit(tx, systemActor('backup-test'), { action: 'test.entry', entityType: 'test', data: { i } }),
    );
}

describe('backup and restore of the embedded database', { timeout: 180_000 }, () => {
  it('backs up, restores into a fresh data directory, and the audit chain verifies', async () => {
    const original = mkdtempSync(path.join(os.tmpdir(), 'outpost-backup-a-'));
    const conn = await openDatabase({ dataDir: path.join(original, 'pglite') });
    await fillAudit(conn, 5);
    await conn.close();

    const file = path.join(original, 'outpost.tar.gz');
    const backup = await run(['backup', '--out', file], { DATA_DIR: original });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(1000);
    // An existing file is never overwritten.
    const again = await run(['backup', '--out', file], { DATA_DIR: original });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already/);

    const fresh = mkdtempSync(path.join(os.tmpdir(), 'outpost-backup-b-'));
    const restore = await run(['restore', '--in', file], { DATA_DIR: fresh });
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/Audit chain intact: 5 entries verified/);

    const restored = await openDatabase({ dataDir: path.join(fresh, 'pglite') });
    try {
      const report = await verifyAuditChain(restored.db);
      expect(report).toMatchObject({ ok: true, checked: 5 });
    } finally {
      await restored.close();
    }
    // Restoring over a database that exists is refused, and changes nothing.
    const over = await run(['restore', '--in', file], { DATA_DIR: fresh });
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/is not empty: restore into a new place/);
  });

  it('explains a missing file name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outpost-backup-c-'));
    const result = await run(['backup'], { DATA_DIR: dir });
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/backup needs --out FILE/);
  });
});

const adminUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
async function postgresReachable(): Promise<boolean> {
  const sql = postgresClient(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
const withPostgres = (await postgresReachable()) && existsSync('/usr/bin/pg_dump');

describe.runIf(withPostgres)('backup and restore on PostgreSQL', { timeout: 180_000 }, () => {
  it('pg_dump, pg_restore into a new database, and the audit chain verifies', async () => {
    const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
    const suffix = `${process.pid}_${Date.now()}`;
    const names = [`outpost_backup_a_${suffix}`, `outpost_backup_b_${suffix}`];
    const urlOf = (name: string) => {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    };
    try {
      for (const name of names) await admin.unsafe(`create database ${name}`);
      const conn = await openDatabase({ url: urlOf(names[0]!) });
      await fillAudit(conn, 4);
      await conn.close();

      const dir = mkdtempSync(path.join(os.tmpdir(), 'outpost-pgbackup-'));
      const file = path.join(dir, 'outpost.dump');
      const backup = await run(['backup', '--out', file], { DATABASE_URL: urlOf(names[0]!), DATA_DIR: dir });
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);

      const restore = await run(['restore', '--in', file], { DATABASE_URL: urlOf(names[1]!), DATA_DIR: dir });
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      expect(restore.stdout).toMatch(/Audit chain intact: 4 entries verified/);

      // Into a database that already has Outpost's tables: refused.
      const over = await run(['restore', '--in', file], { DATABASE_URL: urlOf(names[1]!), DATA_DIR: dir });
      expect(over.status).toBe(1);
      expect(over.stderr).toMatch(/already holds Outpost tables/);
    } finally {
      for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    }
  });
});

describe('PostgreSQL client tools missing', () => {
  it('refuses clearly, before touching anything', async () => {
    const tools = { pgDump: 'pg_dump-not-installed', pgRestore: 'pg_restore-not-installed' };
    await expect(backupPostgres('postgres://x@127.0.0.1:1/x', '/tmp/never', tools)).rejects.toThrow(
      BackupError,
    );
    await expect(backupPostgres('postgres://x@127.0.0.1:1/x', '/tmp/never', tools)).rejects.toThrow(
      /pg_dump-not-installed was not found: install the PostgreSQL client tools/,
    );
    const file = fileURLToPath(import.meta.url);
    let asked = false;
    await expect(
      restorePostgres(
        'postgres://x@127.0.0.1:1/x',
        file,
        async () => {
          asked = true;
          return false;
        },
        tools,
      ),
    ).rejects.toThrow(/pg_restore-not-installed was not found/);
    expect(asked).toBe(false);
  });
});
