import { deliverDueEmail, invitePartner, type Mailer, outboxPolicy, queueEmail } from '@outpost/core';
import { makeStaff, validCreditCode } from '@outpost/core/testing';
import { type DatabaseConnection, outbox } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { createSmtpMailer } from '@outpost/infra';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../src/jobs/outbox-deliver.ts';
import { plus, PUBLIC_URL, soon } from './fixtures.ts';
import { startSmtpSink } from './smtp-sink.ts';

let conn: DatabaseConnection;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let mailer: Mailer;

beforeAll(async () => {
  conn = await createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createSmtpMailer({ smtpUrl: smtp.url, from: 'Outpost <no-reply@outpost.test>' });
});
afterAll(async () => {
  await smtp.stop();
  await conn.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await conn.db.delete(outbox);
});

const emailRows = () => conn.db.select().from(outbox).where(eq(outbox.channel, 'email'));
const deliver = (now: Date) => deliverDueEmail(conn.db, mailer, { publicUrl: PUBLIC_URL, now });

async function invite(contactEmail: string) {
  const reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
  return invitePartner(conn.db, reviewer, {
    legalName: '远景理赔服务有限公司',
    creditCode: validCreditCode(),
    serviceCategories: ['claims'],
    contactEmail,
  });
}

describe('e-mail delivery from the outbox', () => {
  it("delivers a queued invitation in the invitee's language with the absolute link, once", async () => {
    const { invitation } = await invite('Boss@YuanJing.test');
    const report = await deliverOutbox({
      db: conn.db,
      slack: null,
      mailer,
      publicUrl: PUBLIC_URL,
      slackChannels: {},
    });
    expect(report.email).toMatchObject({ claimed: 1, sent: 1 });
    expect(report.slack).toMatchObject({ claimed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(['boss@yuanjing.test']);
    expect(mail!.subject).toBe('远景理赔服务有限公司 合作伙伴门户邀请');
    const link = `${PUBLIC_URL}${invitation.acceptPath}`;
    expect(mail!.body).toContain('您受邀以 远景理赔服务有限公司 的身份加入');
    expect(mail!.body).toContain(`在 Outpost 中打开：${link}`);
    expect(mail!.body).toContain(`<a href="${link}">`); // the HTML alternative
    expect(mail!.raw).toMatch(/multipart\/alternative/);

    expect(await emailRows()).toMatchObject([{ status: 'sent', attempts: 1, lastError: null }]);
    expect(await deliver(plus(soon(), 3600_000))).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('renders English when the e-mail was queued in English, and escapes the HTML part', async () => {
    await conn.db.transaction((tx) =>
      queueEmail(tx, {
        to: 'ops@partner.test',
        subject: 'email.invitation.subject',
        body: 'email.invitation.body',
        params: { partner: 'Acme <b>&</b> Co', days: 7 },
        link: '/invitations/abc.def',
        locale: 'en',
      }),
    );
    expect(await deliver(soon())).toMatchObject({ sent: 1 });
    const [mail] = smtp.received;
    expect(mail!.subject).toBe('Invitation to the Acme <b>&</b> Co partner portal');
    expect(mail!.body).toContain('You are invited to join Acme <b>&</b> Co on Outpost');
    expect(mail!.body).toContain('<p>You are invited to join Acme &lt;b&gt;&amp;&lt;/b&gt; Co on Outpost');
    expect(mail!.body).toContain('Open in Outpost: https://outpost.example/invitations/abc.def');
  });

  it('retries with backoff while the SMTP server is down, and delivers once it is back', async () => {
    await invite('cfo@down.test');
    const t0 = soon();
    await smtp.stop();
    try {
      expect(await deliver(t0)).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
      let [row] = await emailRows();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(row!.nextAttemptAt.getTime()).toBe(t0.getTime() + outboxPolicy.firstRetryMs);

      // Not due yet: nothing is tried before the backoff ends.
      expect(await deliver(plus(t0, 10_000))).toMatchObject({ claimed: 0 });
      expect(await deliver(plus(t0, 31_000))).toMatchObject({ claimed: 1, retrying: 1 });
      [row] = await emailRows();
      expect(row!.attempts).toBe(2);
      expect(row!.nextAttemptAt.getTime()).toBe(t0.getTime() + 31_000 + 2 * outboxPolicy.firstRetryMs);
    } finally {
      await smtp.start();
    }
    expect(await deliver(plus(t0, 92_000))).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([['cfo@down.test']]);
    expect(await emailRows()).toMatchObject([{ status: 'sent', attempts: 3 }]);
  });

  it('leaves e-mail rows untouched without a mailer (SMTP not configured)', async () => {
    await invite('waiting@partner.test');
    const [before] = await emailRows();
    const report = await deliverOutbox({
      db: conn.db,
      slack: null,
      mailer: null,
      publicUrl: PUBLIC_URL,
      slackChannels: {},
    });
    expect(report.email).toMatchObject({ claimed: 0 });
    expect(await emailRows()).toEqual([before]);
  });

  it('skips a row without an address or with a malformed payload instead of retrying it', async () => {
    await conn.db.insert(outbox).values([
      {
        channel: 'email',
        target: null,
        payload: { kind: 'email', subject: 'email.invitation.subject', body: 'email.invitation.body' },
      },
      { channel: 'email', target: 'x@partner.test', payload: { kind: 'email' } },
    ]);
    expect(await deliver(soon())).toMatchObject({ claimed: 2, skipped: 2 });
    expect((await emailRows()).map((r) => r.lastError).sort()).toEqual([
      'malformed payload: no subject or body',
      'no recipient address',
    ]);
    expect(smtp.received).toEqual([]);
  });

  it("shows a calendar day in the recipient's language, not as ISO", async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      await queueEmail(conn.db, {
        to: `${locale.toLowerCase()}@partner.test`,
        subject: 'email.document_expiring.subject',
        body: 'email.document_expiring.body',
        params: {
          name: '远景理赔',
          requirement: '营业执照',
          requirementEn: 'Business licence',
          date: '2026-12-12',
        },
        link: '/p/documents',
        locale,
      });
    }
    expect(await deliver(soon())).toMatchObject({ claimed: 2, sent: 2 });
    const to = (address: string) => smtp.received.find((m) => m.to.includes(address))!;
    expect(to('zh-cn@partner.test').body).toContain('将于 2026年12月12日 到期');
    expect(to('en@partner.test').body).toContain('expires on Dec 12, 2026.');
    for (const mail of smtp.received) expect(mail.body).not.toContain('2026-12-12');
    // The row keeps the ISO day: the stored parameters are data, the formatting is the reader's.
    expect((await emailRows()).map((r) => (r.payload as { params: { date: string } }).params.date)).toEqual([
      '2026-12-12',
      '2026-12-12',
    ]);
  });
});
