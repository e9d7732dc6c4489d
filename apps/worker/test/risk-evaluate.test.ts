import { ensureDefaultKpis, ensureDefaultRiskRules } from '@outpost/core';
import { makePartner } from '@outpost/core/testing';
import { blacklistEntries, type DatabaseConnection, riskAlerts } from '@outpost/db';
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
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
  await ensureDefaultKpis(conn.db);
  await ensureDefaultRiskRules(conn.db);
});
afterAll(() => conn.close());

const job = () => schedules.find((s) => s.name === 'risk-evaluate')!;

describe('risk-evaluate schedule', () => {
  it('runs every quarter hour, without retries (the next run comes soon)', () => {
    expect(job()).toMatchObject({ cron: '*/15 * * * *', retryLimit: 0 });
  });

  it('raises what no ingestion batch announces, once however often it runs, and closes it when it clears', async () => {
    const partner = await makePartner(conn.db);
    await conn.db
      .insert(blacklistEntries)
      .values({ creditCode: partner.creditCode, name: partner.legalName, reason: 'fraud' });
    const now = new Date();
    await job().handler(context, now);
    await job().handler(context, new Date(now.getTime() + 15 * 60_000));
    const alerts = () => conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partner.id));
    expect((await alerts()).map((a) => [a.level, a.status])).toEqual([['critical', 'open']]);

    await conn.db
      .update(blacklistEntries)
      .set({ removedAt: new Date() })
      .where(eq(blacklistEntries.creditCode, partner.creditCode));
    await job().handler(context, new Date(now.getTime() + 30 * 60_000));
    // The default blacklist rule closes as soon as the entry is gone.
    expect((await alerts()).map((a) => a.status)).toEqual(['resolved']);
  });
});
