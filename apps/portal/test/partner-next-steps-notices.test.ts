import { addPerson, confirmNotice, publishNotice, withdrawNotice } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, formatDay, todayInChina } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PartnerActor } from '../app/lib/partner/partner-viewer.server';
import { loadNextSteps } from '../app/lib/work-queue/next-steps.server';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const today = todayInChina();
let seq = 0;
const notice = (partnerId: string, confirmBy?: string) => ({
  kind: 'policy' as const,
  titleZh: `制度 ${++seq}`,
  titleEn: `Policy ${seq}`,
  bodyZh: '正文',
  bodyEn: 'Body',
  target: 'partner' as const,
  partnerId,
  ...(confirmBy ? { requiresConfirmation: true, confirmBy } : {}),
});

async function memberOnRoster() {
  const partner = await makePartner(conn.db);
  const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const { user, actor: member } = await makePartnerUser(conn.db, partner.id, 'partner_member');
  await addPerson(conn.db, admin, {
    name: 'Member',
    staffNumber: `M-${Math.random().toString(36).slice(2, 8)}`,
    jobRole: 'Agent',
    serviceCategory: 'claims',
    startDate: today,
    userId: user.id,
  });
  return { partner, admin: admin as PartnerActor, member: member as PartnerActor };
}

const noticeStep = async (actor: PartnerActor, locale: 'en' | 'zh-CN', now?: Date) =>
  (await loadNextSteps(conn.db, actor, locale, now)).steps.find((s) => s.key === 'notices');

describe('partner next steps: notices to confirm', () => {
  test('a member is told how many notices to confirm and by when, in either language, linking to the notices', async () => {
    const { actor: staff } = await makeStaff(conn.db, ['risk_officer']);
    const a = await memberOnRoster();
    const b = await memberOnRoster();
    const soon = addDays(today, 5);
    const later = addDays(today, 10);
    const first = await publishNotice(conn.db, staff, notice(a.partner.id, soon));
    await publishNotice(conn.db, staff, notice(a.partner.id, later));
    await publishNotice(conn.db, staff, notice(a.partner.id)); // nothing to confirm
    const withdrawn = await publishNotice(conn.db, staff, notice(a.partner.id, addDays(today, 2)));
    await withdrawNotice(conn.db, staff, withdrawn.id);

    expect(await noticeStep(a.member, 'en')).toEqual({
      key: 'notices',
      href: '/p/training/notices',
      urgent: false,
      action: `2 notices to confirm by ${formatDay('en', soon)}`,
      detail: 'Read each notice and confirm you will follow it.',
    });
    expect(await noticeStep(a.member, 'zh-CN')).toMatchObject({
      action: `2 条通知需在 ${formatDay('zh-CN', soon)} 前确认`,
      detail: '请阅读每条通知，并确认将遵照执行。',
    });

    // Another partner's member owes none of them; an administrator not on the roster has no such step.
    expect(await noticeStep(b.member, 'en')).toBeUndefined();
    expect(await noticeStep(a.admin, 'en')).toBeUndefined();

    await confirmNotice(conn.db, a.member, first.id);
    expect((await noticeStep(a.member, 'en'))?.action).toBe(
      `1 notice to confirm by ${formatDay('en', later)}`,
    );

    // Past the confirm-by date it is urgent and says so.
    const afterwards = new Date(Date.now() + 12 * 86_400_000);
    expect(await noticeStep(a.member, 'en', afterwards)).toMatchObject({
      urgent: true,
      detail: `Overdue: the first was to be confirmed by ${formatDay('en', later)}.`,
    });
  });
});
