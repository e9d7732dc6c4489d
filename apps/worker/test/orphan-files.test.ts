import { mkdtempSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { contentAddress, LocalDiskStorage } from '@outpost/core';
import { auditLog, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import { PUBLIC_URL } from './fixtures.ts';
import { captureLogs } from '@outpost/log';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

describe('orphan-files job', () => {
  const job = () => schedules.find((s) => s.name === 'orphan-files')!;

  it('is scheduled daily and reports a stored file no row references, once per run', async () => {
    expect(job().cron).toBe('41 4 * * *');
    const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-orphans-')));
    const bytes = new TextEncoder().encode('left behind by a crash');
    const { storageKey } = contentAddress(bytes);
    await storage.put(storageKey, bytes, 'application/pdf');
    const old = new Date(Date.now() - 3 * 3600 * 1000);
    await utimes(path.join(storage.root, storageKey), old, old);
    const logs = captureLogs('warn');
    const context = { db: conn.db, slack: null, storage, publicUrl: PUBLIC_URL, slackChannels: {} };
    expect(await job().handler(context)).toEqual({ scanned: 1, orphans: 1 });
    logs.restore();
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ component: 'orphan-files', level: 'warn', count: 1, keys: [storageKey] }),
    );
    const entries = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'storage.orphans_found'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toEqual({ count: 1, keys: [storageKey] });
    // Without a store configured the job does nothing.
    expect(await job().handler({ ...context, storage: null })).toEqual({ skipped: 'no storage configured' });
  });
});
