import {
  auditLog,
  type DatabaseConnection,
  notifications,
  trainingCompletions,
  trainingNoticeReceipts,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  confirmNotice,
  listMyNotices,
  listNotices,
  noticeForStaff,
  openNotice,
  partnerNoticeConfirmation,
  partnerTrainingDetail,
  noticeConfirmationsCsv,
  publishNotice,
  recordTrainingCompliance,
  recordsCsv,
  recordsXlsx,
  runTrainingReminders,
  trainingRecords,
  trainingCompliance,
  trainingOverview,
  withdrawNotice,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let staff: Awaited<ReturnType<typeof makeStaff>>['actor'];
beforeAll(async () => {
  conn = await createTestDatabase();
  staff = (await makeStaff(conn.db, ['risk_officer'])).actor;
});
afterAll(() => conn.close());

const today = todayInChina();
let seq = 0;
const notice = (extra: Record<string, unknown>) => ({
  kind: 'regulation' as const,
  titleZh: `新规 ${++seq}`,
  titleEn: `New rule ${seq}`,
  bodyZh: '正文',
  bodyEn: 'Body',
  target: 'partner' as const,
  ...extra,
});

/** A partner with an administrator and a member, both on the roster (hours already met this year). */
async function partnerWithPeople() {
  const partner = await makePartner(conn.db);
  const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const { user: memberUser, actor: member } = await makePartnerUser(conn.db, partner.id, 'partner_member');
  const person = await addPerson(conn.db, admin, {
    name: 'Member',
    staffNumber: `M-${Math.random().toString(36).slice(2, 8)}`,
    jobRole: 'Agent',
    serviceCategory: 'claims',
    startDate: today,
    userId: memberUser.id,
  });
  // This year's hours already done, so only the notices decide whether they meet their requirements.
  await conn.db.insert(trainingCompletions).values({
    personId: person.id,
    partnerId: partner.id,
    source: 'external',
    category: 'law_ethics',
    minutes: 2160,
    completedOn: today,
    certificateCode: `T-${person.id}`,
  });
  return { partner, admin, member, memberUser, person };
}

describe('policy notices', () => {
  it('reach the people they target, unread first, and another partner’s notice is not found', async () => {
    const a = await partnerWithPeople();
    const b = await partnerWithPeople();
    const older = await publishNotice(conn.db, staff, notice({ partnerId: a.partner.id }));
    const toB = await publishNotice(conn.db, staff, notice({ partnerId: b.partner.id }));
    const byCategory = await publishNotice(
      conn.db,
      staff,
      notice({ target: 'category', serviceCategory: 'claims', kind: 'risk_bulletin' }),
    );
    const toPerson = await publishNotice(conn.db, staff, notice({ target: 'person', personId: a.person.id }));
    await openNotice(conn.db, a.member, older.id);

    const mine = await listMyNotices(conn.db, a.member);
    const ids = mine.map((n) => n.id);
    expect(ids).toContain(byCategory.id);
    expect(ids).not.toContain(toB.id);
    // Unread first (newest first among them), the read one last.
    expect(ids.at(-1)).toBe(older.id);
    expect(mine.at(-1)!.unread).toBe(false);
    expect(ids.indexOf(toPerson.id)).toBeLessThan(ids.indexOf(byCategory.id));
    expect(mine.slice(0, -1).every((n) => n.unread)).toBe(true);

    await expect(openNotice(conn.db, a.member, toB.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(confirmNotice(conn.db, a.member, toB.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(confirmNotice(conn.db, a.member, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
    // Only a partner's own people confirm; staff cannot confirm for them.
    await expect(confirmNotice(conn.db, staff, older.id)).rejects.toMatchObject({ code: 'forbidden' });
    // A partner administrator reads their own figures only.
    await expect(partnerNoticeConfirmation(conn.db, a.admin, b.partner.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses bad input with the field named, and only staff who author training publish', async () => {
    const a = await partnerWithPeople();
    await expect(publishNotice(conn.db, a.admin, notice({ partnerId: a.partner.id }))).rejects.toMatchObject({
      code: 'forbidden',
    });
    const refused = (raw: Record<string, unknown>) =>
      publishNotice(conn.db, staff, notice(raw)).catch((e) =>
        e.details.fields.map((f: { path: string }) => f.path),
      );
    expect(await refused({ titleEn: '', partnerId: undefined })).toEqual(['titleEn', 'partnerId']);
    expect(await refused({ partnerId: a.partner.id, requiresConfirmation: true })).toEqual(['confirmBy']);
    expect(
      await refused({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: addDays(today, -1) }),
    ).toEqual(['confirmBy']);
  });

  it('counts a double confirmation, even at once, once — and refuses one after withdrawal', async () => {
    const a = await partnerWithPeople();
    const n = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: addDays(today, 10) }),
    );
    const results = await Promise.all([
      confirmNotice(conn.db, a.member, n.id),
      confirmNotice(conn.db, a.member, n.id),
    ]);
    expect(results.filter((r) => !r.already)).toHaveLength(1);
    expect(await confirmNotice(conn.db, a.member, n.id)).toMatchObject({ already: true });
    const receipts = await conn.db
      .select()
      .from(trainingNoticeReceipts)
      .where(eq(trainingNoticeReceipts.noticeId, n.id));
    expect(receipts).toHaveLength(1);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'training.notice_confirmed'), eq(auditLog.entityId, n.id)));
    expect(audits).toHaveLength(1);
    const figure = await partnerNoticeConfirmation(conn.db, a.admin, a.partner.id);
    expect(figure.summary).toMatchObject({ owed: 1, confirmed: 1, share: 1 });

    const detail = await noticeForStaff(conn.db, staff, n.id);
    expect(detail.partners).toEqual([
      expect.objectContaining({ partnerId: a.partner.id, people: 1, read: 1, confirmed: 1, share: 1 }),
    ]);

    const later = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: addDays(today, 10) }),
    );
    await withdrawNotice(conn.db, staff, later.id);
    await expect(confirmNotice(conn.db, a.member, later.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(withdrawNotice(conn.db, staff, later.id)).rejects.toMatchObject({ code: 'conflict' });
    expect((await listMyNotices(conn.db, a.member)).map((x) => x.id)).not.toContain(later.id);
    const withdrawn = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'training.notice_withdrawn'), eq(auditLog.entityId, later.id)));
    expect(withdrawn).toHaveLength(1);
    // Staff still find it in their list, marked withdrawn.
    const listed = await listNotices(conn.db, staff, { search: later.titleEn });
    expect(listed.notices[0]).toMatchObject({ id: later.id, withdrawnAt: expect.any(Date) });
  });

  it('counts an unconfirmed notice past its confirm-by date against training compliance', async () => {
    const a = await partnerWithPeople();
    const tomorrow = addDays(today, 1);
    expect(await trainingCompliance(conn.db, a.partner.id, tomorrow)).toMatchObject({
      people: 1,
      meeting: 1,
    });
    const n = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: today }),
    );
    // On its confirm-by day it is not overdue yet; the day after it is.
    expect(await trainingCompliance(conn.db, a.partner.id, today)).toMatchObject({ meeting: 1 });
    expect(await trainingCompliance(conn.db, a.partner.id, tomorrow)).toMatchObject({
      people: 1,
      meeting: 0,
    });
    const detail = await partnerTrainingDetail(conn.db, a.admin, a.partner.id, tomorrow);
    expect(detail.people[0]).toMatchObject({
      onPace: false,
      overdueNotices: [expect.objectContaining({ noticeId: n.id })],
    });
    expect(detail.confirmation).toMatchObject({ owed: 1, confirmed: 0, overdue: 1, share: 0 });

    // The staff dashboard shows the daily job's figures: the rate beside compliance, and the move.
    const onDashboard = async () => {
      await recordTrainingCompliance(conn.db, tomorrow);
      const overview = await trainingOverview(conn.db, staff, { q: a.partner.legalName }, tomorrow);
      return overview.items.find((i) => i.partnerId === a.partner.id);
    };
    expect(await onDashboard()).toMatchObject({ people: 1, meeting: 0, share: 0, confirmationShare: 0 });

    // Confirming late still counts from then on.
    await confirmNotice(conn.db, a.member, n.id);
    expect(await trainingCompliance(conn.db, a.partner.id, tomorrow)).toMatchObject({ meeting: 1 });
    expect(await onDashboard()).toMatchObject({ people: 1, meeting: 1, share: 1, confirmationShare: 1 });
  });

  it('reminds people 14 and 3 days before the confirm-by date, once each, not after they confirmed', async () => {
    const a = await partnerWithPeople();
    const other = await partnerWithPeople();
    const confirmBy = addDays(today, 10);
    const n = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy }),
    );
    await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: other.partner.id, requiresConfirmation: true, confirmBy }),
    );
    const inbox = async () =>
      (await conn.db.select().from(notifications).where(eq(notifications.recipientId, a.memberUser.id)))
        .filter((x) => x.template === 'notify.training_notice_due')
        .map((x) => [x.params.days, x.link]);
    const at = (days: number) => new Date(Date.parse(`${today}T04:00:00Z`) + days * 86_400_000);
    await runTrainingReminders(conn.db, at(0));
    await runTrainingReminders(conn.db, at(0));
    expect(await inbox()).toEqual([[10, `/p/training/notices/${n.id}`]]);
    await runTrainingReminders(conn.db, at(8));
    await runTrainingReminders(conn.db, at(8));
    expect((await inbox()).map(([d]) => d)).toEqual([10, 2]);

    // Someone who confirmed is not reminded.
    const confirmer = other;
    const [theirs] = (await listMyNotices(conn.db, confirmer.member)).filter((x) => x.requiresConfirmation);
    await confirmNotice(conn.db, confirmer.member, theirs!.id);
    await runTrainingReminders(conn.db, at(9));
    const theirInbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, confirmer.memberUser.id));
    expect(
      theirInbox.filter((x) => x.template === 'notify.training_notice_due').map((x) => x.params.days),
    ).toEqual([10, 2]);
  });

  it('are listed in the training records export: their own CSV and a second XLSX sheet, records columns unchanged', async () => {
    const a = await partnerWithPeople();
    const b = await partnerWithPeople();
    const tomorrow = addDays(today, 1);
    const dueToday = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: today }),
    );
    const missed = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: today }),
    );
    const later = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: a.partner.id, requiresConfirmation: true, confirmBy: addDays(today, 10) }),
    );
    const infoOnly = await publishNotice(conn.db, staff, notice({ partnerId: a.partner.id }));
    const toB = await publishNotice(
      conn.db,
      staff,
      notice({ partnerId: b.partner.id, requiresConfirmation: true, confirmBy: today }),
    );
    await confirmNotice(conn.db, a.member, dueToday.id);
    await openNotice(conn.db, a.member, later.id);
    await openNotice(conn.db, a.member, infoOnly.id);

    // Looked at tomorrow: one confirmed, one overdue, one pending (read, not confirmed).
    const en = await trainingRecords(conn.db, a.admin, { locale: 'en', asOf: tomorrow });
    expect(en.header).toEqual([
      'Name',
      'ID or staff number',
      'Course',
      'Course version',
      'Category',
      'Source',
      'Attempt',
      'Score (%)',
      'Passed',
      'Hours',
      'Completed on',
      'Recorded at (Beijing time)',
      'Certificate',
    ]);
    expect(recordsCsv(en).split('\r\n')[0]).toBe(`\uFEFF${en.header.join(',')}`);
    expect(en.notices.header).toEqual([
      'Name',
      'ID or staff number',
      'Notice',
      'Confirm by',
      'Read at (Beijing time)',
      'Confirmed at (Beijing time)',
      'Status',
    ]);
    const byTitle = new Map(en.notices.rows.map((r) => [r[2], r]));
    expect([...byTitle.keys()].sort()).toEqual([dueToday.titleEn, later.titleEn, missed.titleEn].sort());
    expect(byTitle.get(dueToday.titleEn)).toEqual([
      'Member',
      expect.not.stringContaining(a.person.staffNumber.slice(2)),
      dueToday.titleEn,
      today,
      expect.stringMatching(/\d:\d{2}/),
      expect.stringMatching(/\d:\d{2}/),
      'Confirmed',
    ]);
    expect(byTitle.get(missed.titleEn)!.slice(3)).toEqual([today, '', '', 'Overdue']);
    expect(byTitle.get(later.titleEn)!.slice(3)).toEqual([
      addDays(today, 10),
      expect.stringMatching(/\d:\d{2}/),
      '',
      'Pending',
    ]);
    const text = noticeConfirmationsCsv(en);
    expect(text.startsWith('\uFEFFName,ID or staff number,Notice,')).toBe(true);
    expect(text).not.toContain(toB.titleEn);
    expect(text).not.toContain(infoOnly.titleEn);

    // XLSX: the records stay the first sheet; the confirmations are the second.
    const bytes = Buffer.from(recordsXlsx(en));
    expect((await readSheet(bytes, 1))[0]).toEqual(en.header);
    const second = await readSheet(bytes, 'Notices');
    expect(second[0]).toEqual(en.notices.header);
    expect(second).toHaveLength(4);

    // Chinese headings and titles; staff see the same rows for the partner, one person's alone.
    const zh = await trainingRecords(conn.db, staff, {
      locale: 'zh-CN',
      partnerId: a.partner.id,
      personId: a.person.id,
      asOf: tomorrow,
    });
    expect(zh.notices.header[2]).toBe('通知');
    expect(zh.notices.rows.map((r) => [r[2], r[6]]).sort()).toEqual(
      [
        [dueToday.titleZh, '已确认'],
        [missed.titleZh, '已逾期'],
        [later.titleZh, '待确认'],
      ].sort(),
    );
    // Partner b's administrator sees only b's notice.
    const other = await trainingRecords(conn.db, b.admin, { locale: 'en', asOf: tomorrow });
    expect(other.notices.rows.map((r) => r[2])).toEqual([toB.titleEn]);
    expect(other.notices.rows[0]![6]).toBe('Overdue');
  });
});
