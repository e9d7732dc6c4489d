import { setSetting } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import { type DatabaseConnection, managementReports, outbox } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-reports-')));
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {}, storage };
});
afterAll(() => conn.close());

const job = (name: string) => schedules.find((s) => s.name === name)!;

describe('management-report schedule (decision record 051)', () => {
  it('runs after the quarter closes, once per quarter whatever the days and workers', async () => {
    expect(job('management-report')).toMatchObject({ cron: '0 3 1-7 1,4,7,10 *', tz: 'Asia/Shanghai' });
    const admin = await makeStaff(conn.db, ['admin']);
    await makePartner(conn.db);
    await setSetting(conn.db, admin.actor, 'reports.distribution', { slackChannel: 'C0MGMT01', emails: [] });
    const firstDay = new Date('2026-10-01T19:00:00Z'); // 03:00 on 2 October, China
    await Promise.all([
      job('management-report').handler(context, firstDay),
      job('management-report').handler(context, firstDay),
    ]);
    await job('management-report').handler(context, new Date('2026-10-02T19:00:00Z'));
    await job('management-report-requests').handler(context, new Date('2026-10-02T19:01:00Z'));
    const reports = await conn.db.select().from(managementReports);
    expect(reports).toMatchObject([{ quarter: '2026-Q3', status: 'ready', trigger: 'schedule' }]);
    expect(await conn.db.select().from(outbox).where(eq(outbox.target, 'C0MGMT01'))).toHaveLength(1);
  });
});
