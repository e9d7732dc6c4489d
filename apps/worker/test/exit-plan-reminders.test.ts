import { saveExitPlan } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, notifications, outbox, partners } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

describe('exit-plan-reminders job (decision record 050)', () => {
  it('is scheduled daily and tells the owner once per due date, inbox and e-mail', async () => {
    const job = schedules.find((s) => s.name === 'exit-plan-reminders');
    expect(job).toBeDefined();
    const owner = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db, { legalName: '退出预案理赔有限公司' });
    await conn.db.update(partners).set({ criticality: 'critical' }).where(eq(partners.id, partner.id));
    const today = todayInChina();
    await saveExitPlan(conn.db, owner.actor, partner.id, {
      alternatives: [{ kind: 'external', name: '备选公估有限公司' }],
      steps: ['通知', '迁移'],
      switchDays: 30,
      dataToMigrate: '在办案件',
      lastReviewedOn: addDays(today, -365),
      nextReviewOn: today,
      ownerId: owner.user.id,
    });
    const context = { db: conn.db } as unknown as JobContext;
    expect(await job!.handler(context)).toEqual({ reminded: 1 });
    expect(await job!.handler(context)).toEqual({ reminded: 0 });
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, owner.user.id));
    expect(inbox.map((n) => n.template)).toEqual(['notify.exit_plan_review_due']);
    const mails = await conn.db.select().from(outbox);
    expect(mails.filter((m) => m.channel === 'email' && m.target === owner.user.email)).toHaveLength(1);
  });
});
