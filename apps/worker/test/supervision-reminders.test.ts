import { createSupervisionTask } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, notifications } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
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
});
afterAll(() => conn.close());

const job = () => schedules.find((s) => s.name === 'supervision-reminders')!;

describe('supervision-reminders schedule (decision record 053)', () => {
  it('runs every China morning', () => {
    expect(job()).toMatchObject({ cron: '20 2 * * *', tz: 'Asia/Shanghai', retryLimit: 2 });
  });

  it('reminds the owner of a task due in two days once, even when two workers run it at the same time', async () => {
    const officer = await makeStaff(conn.db, ['risk_officer']);
    const partner = await makePartner(conn.db);
    const now = new Date();
    await createSupervisionTask(conn.db, officer.actor, {
      title: 'Inspection',
      partnerIds: [partner.id],
      ownerId: officer.user.id,
      dueDate: addDays(todayInChina(now), 2),
    });
    await Promise.all([job().handler(context, now), job().handler(context, now)]);
    await job().handler(context, now);
    const sent = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'supervision.notify.due'));
    expect(sent.map((n) => n.recipientId)).toEqual([officer.user.id]);
  });
});
