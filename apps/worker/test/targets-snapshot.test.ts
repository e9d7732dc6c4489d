import { makePartner } from '@outpost/core/testing';
import { type DatabaseConnection, targetComplianceSnapshots } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
});
afterAll(() => conn.close());

const job = () => schedules.find((s) => s.name === 'targets-snapshot')!;

describe('targets-snapshot schedule (decision record 046)', () => {
  it('runs late every China day', () => {
    expect(job()).toMatchObject({ cron: '50 23 * * *', tz: 'Asia/Shanghai', retryLimit: 2 });
  });

  it("records the running quarter's compliance per active partner, replacing the day before's", async () => {
    const partner = await makePartner(conn.db);
    const first = new Date('2026-11-14T15:50:00Z');
    const second = new Date('2026-11-15T15:50:00Z');
    await job().handler(context, first);
    await job().handler(context, second);
    const rows = await conn.db.select().from(targetComplianceSnapshots);
    // No contract in force: one reason; one row, from the second run.
    expect(rows).toEqual([
      { quarter: '2026-Q4', partnerId: partner.id, reasons: ['contract'], takenAt: second },
    ]);
  });
});
