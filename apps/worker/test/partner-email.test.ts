import {
  type Actor,
  deliverDueEmail,
  liftSuspension,
  type Mailer,
  reviewDocument,
  setEmailPreferences,
  suspendPartner,
} from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import {
  type DatabaseConnection,
  documentRequirements,
  documents,
  outbox,
  quarterlyReviews,
  rectificationItems,
  users,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { createSmtpMailer } from '@outpost/infra';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { remindRectifications } from '../src/jobs/rectification-reminders.ts';
import { PUBLIC_URL, soon } from './fixtures.ts';
import { startSmtpSink } from './smtp-sink.ts';

let conn: DatabaseConnection;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let mailer: Mailer;
let risk: Actor;

beforeAll(async () => {
  conn = await createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createSmtpMailer({ smtpUrl: smtp.url, from: 'Outpost <no-reply@outpost.test>' });
  risk = (await makeStaff(conn.db, ['risk_officer'])).actor;
});
afterAll(async () => {
  await smtp.stop();
  await conn.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await conn.db.delete(outbox);
});

const deliver = (now = soon()) => deliverDueEmail(conn.db, mailer, { publicUrl: PUBLIC_URL, now });

describe('partner e-mail over SMTP', () => {
  it('a suspension reaches every person of the partner in their language, with the reason and the link', async () => {
    const partner = await makePartner(conn.db, { legalName: '远景理赔服务有限公司' });
    const zh = await makePartnerUser(conn.db, partner.id, 'partner_admin', { email: 'boss@yuanjing.test' });
    const en = await makePartnerUser(conn.db, partner.id, 'partner_member', { email: 'ops@yuanjing.test' });
    await conn.db.update(users).set({ locale: 'en' }).where(eq(users.id, en.user.id));
    await suspendPartner(conn.db, risk, { partnerId: partner.id, reason: '理赔数据泄露调查中' });
    expect(await deliver()).toMatchObject({ sent: 2 });
    const byTo = Object.fromEntries(smtp.received.map((m) => [m.to[0], m]));
    expect(byTo['boss@yuanjing.test']!.subject).toBe('Outpost：贵机构的合作状态');
    expect(byTo['boss@yuanjing.test']!.body).toContain(
      '贵机构 远景理赔服务有限公司 已被暂停合作。原因：理赔数据泄露调查中',
    );
    expect(byTo['boss@yuanjing.test']!.body).toContain(`${PUBLIC_URL}/p`);
    expect(byTo['ops@yuanjing.test']!.subject).toBe('Outpost: your organisation’s status');
    expect(byTo['ops@yuanjing.test']!.body).toContain('Reason: 理赔数据泄露调查中');
    expect(zh.user.id).not.toBe(en.user.id);
  });

  it('a person who turned a kind off gets no e-mail of that kind, and others still do', async () => {
    const partner = await makePartner(conn.db);
    const person = await makePartnerUser(conn.db, partner.id, 'partner_admin', {
      email: 'quiet@partner.test',
    });
    await setEmailPreferences(conn.db, person.actor, { enabled: ['admission', 'documents', 'reviews'] });
    await suspendPartner(conn.db, risk, { partnerId: partner.id, reason: 'Late reporting three months' });
    await liftSuspension(conn.db, risk, { partnerId: partner.id, reason: 'Reports caught up' });
    expect(await deliver()).toMatchObject({ claimed: 0 });

    // A returned document is of a kind left on.
    const reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
    const [requirement] = await conn.db
      .insert(documentRequirements)
      .values({
        key: `licence-${partner.id.slice(0, 6)}`,
        nameZh: '营业执照',
        nameEn: 'Business licence',
        serviceCategories: ['claims'],
      })
      .returning();
    const [document] = await conn.db
      .insert(documents)
      .values({
        partnerId: partner.id,
        requirementId: requirement!.id,
        status: 'submitted',
        currentVersion: 1,
      })
      .returning();
    await reviewDocument(conn.db, reviewer, {
      documentId: document!.id,
      decision: 'reject',
      reason: 'The scan is unreadable, upload it again.',
    });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received[0]!.subject).toBe('Outpost：您的资质资料');
    expect(smtp.received[0]!.body).toContain('The scan is unreadable');
  });

  it('the reminder job e-mails each rectification reminder once', async () => {
    const partner = await makePartner(conn.db);
    await makePartnerUser(conn.db, partner.id, 'partner_admin', { email: 'fixer@partner.test' });
    const [review] = await conn.db
      .insert(quarterlyReviews)
      .values({ partnerId: partner.id, quarter: '2026-Q3', status: 'finalised', snapshot: {} as never })
      .returning();
    await conn.db.insert(rectificationItems).values({
      reviewId: review!.id,
      partnerId: partner.id,
      position: 1,
      description: '补充理赔人员培训记录',
      dueDate: '2026-11-20',
    });
    const context = { db: conn.db } as Parameters<typeof remindRectifications>[0];
    await remindRectifications(context, new Date('2026-11-13T08:00:00+08:00'));
    await remindRectifications(context, new Date('2026-11-13T09:00:00+08:00'));
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received[0]!.subject).toBe('Outpost：整改');
    expect(smtp.received[0]!.body).toContain(
      '整改事项“补充理赔人员培训记录”将在 7 天后（2026年11月20日）到期。',
    );
  });
});
