import { ensureDefaultKpis, saveRiskRule } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, riskAlerts } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
  await ensureDefaultKpis(conn.db);
});
afterAll(() => conn.close());

it('the daily contract job runs the contract risk rules right after it, once however often it runs (decision 041)', async () => {
  const { actor } = await makeStaff(conn.db, ['risk_officer']);
  const rule = await saveRiskRule(conn.db, actor, {
    kind: 'contract_lapsing',
    nameZh: '无生效合同',
    nameEn: 'No contract in force',
    level: 'critical',
    serviceCategories: ['claims'],
    params: { withinDays: 0, includeNoContract: true },
  });
  const partner = await makePartner(conn.db);
  const job = schedules.find((s) => s.name === 'contract-expiry')!;
  const now = new Date();
  await job.handler(context, now);
  await job.handler(context, new Date(now.getTime() + 60_000));
  const alerts = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partner.id));
  expect(alerts.map((a) => [a.ruleId, a.conditionKey, a.status])).toEqual([
    [rule.id, 'no_contract:claims', 'open'],
  ]);
});
