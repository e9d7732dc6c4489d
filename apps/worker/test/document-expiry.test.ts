import { committeeStageApplication } from '@outpost/bot/testing';
import { makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, documents, outbox, partnerMemberships, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays } from '@outpost/i18n';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
  await makeStaff(conn.db, ['committee']); // the application below goes all the way to the committee
});
afterAll(() => conn.close());

const job = () => schedules.find((s) => s.name === 'document-expiry')!;

describe('document-expiry schedule', () => {
  it('runs daily at 02:00 China time', () => {
    expect(job()).toMatchObject({ cron: '0 2 * * *', tz: 'Asia/Shanghai', retryLimit: 2 });
  });

  /** 02:00 in Shanghai on a calendar day, when the job runs. */
  const jobTime = (day: string) => new Date(`${day}T02:00:00+08:00`);

  it('reminds once ahead of expiry, then expires the document once, however often it runs', async () => {
    const { partner } = await committeeStageApplication(conn.db);
    const [soonest] = await conn.db
      .select({ expiryDate: documents.expiryDate })
      .from(documents)
      .where(and(eq(documents.partnerId, partner.id), isNotNull(documents.expiryDate)))
      .orderBy(asc(documents.expiryDate))
      .limit(1);
    const expiry = soonest!.expiryDate!;
    const expiring = await conn.db
      .select()
      .from(documents)
      .where(and(eq(documents.partnerId, partner.id), eq(documents.expiryDate, expiry)));
    expect(expiring.length).toBeGreaterThan(0);

    const weekBefore = jobTime(addDays(expiry, -5));
    expect(await job().handler(context, weekBefore)).toEqual({ expired: 0, reminded: expiring.length });
    expect(await job().handler(context, weekBefore)).toEqual({ expired: 0, reminded: 0 });
    const reminders = await conn.db.select().from(outbox).where(eq(outbox.channel, 'email'));
    expect(reminders.length).toBeGreaterThan(0);

    const after = jobTime(addDays(expiry, 1));
    expect(await job().handler(context, after)).toEqual({ expired: expiring.length, reminded: 0 });
    expect(await job().handler(context, after)).toEqual({ expired: 0, reminded: 0 });
  });

  it('counts days in China: at 02:00 Shanghai (18:00 UTC the day before) a document that ran out yesterday is expired', async () => {
    const { partner } = await committeeStageApplication(conn.db);
    const [document] = await conn.db
      .update(documents)
      .set({ expiryDate: '2030-06-30' })
      .where(and(eq(documents.partnerId, partner.id), isNotNull(documents.expiryDate)))
      .returning();
    expect(document).toBeDefined();
    // 2030-06-30T18:00Z is 02:00 on 1 July in Shanghai: the document's last valid day has passed.
    const result = (await job().handler(context, new Date('2030-06-30T18:00:00Z'))) as { expired: number };
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const [after] = await conn.db.select().from(documents).where(eq(documents.id, document!.id));
    expect(after!.status).toBe('expired');
  });

  it('sends no expiry e-mail to a person who turned document e-mail off (the inbox still has it)', async () => {
    const { partner } = await committeeStageApplication(conn.db);
    const members = await conn.db
      .select({ id: partnerMemberships.userId })
      .from(partnerMemberships)
      .where(eq(partnerMemberships.partnerId, partner.id));
    await conn.db
      .update(users)
      .set({ emailOptOut: ['documents'] })
      .where(
        inArray(
          users.id,
          members.map((m) => m.id),
        ),
      );
    await conn.db.delete(outbox);
    await conn.db
      .update(documents)
      .set({ expiryDate: '2031-03-31' })
      .where(and(eq(documents.partnerId, partner.id), isNotNull(documents.expiryDate)));
    const result = (await job().handler(context, jobTime('2031-03-28'))) as { reminded: number };
    expect(result.reminded).toBeGreaterThan(0);
    expect(await conn.db.select().from(outbox).where(eq(outbox.channel, 'email'))).toEqual([]);
  });
});
