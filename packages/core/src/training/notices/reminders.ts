import { type Database, partners, rowsOf, trainingNotices, trainingRemindersSent } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../actor.ts';
import { audit } from '../../audit.ts';
import { notify } from '../../notifications.ts';
import { TRAINING_REMINDERS } from '../reminders.ts';
import { noticeReachesSql } from './audience.ts';

type Open = {
  notice_id: string;
  person_id: string;
  partner_id: string;
  user_id: string;
  confirm_by: string;
  title_zh: string;
  title_en: string;
};

/**
 * Reminders for notices awaiting confirmation, as for assigned training: 14 and 3 days before the
 * confirm-by date, to each person with a portal account who has not confirmed. Each claims
 * `notice:<notice>:<person>:14d|3d` in `training_reminders_sent` in the transaction that sends it,
 * and a person first seen inside the 3-day window gets only the 3-day reminder.
 */
export async function runNoticeReminders(db: Database, now = new Date()) {
  const actor = systemActor('training-reminders');
  const today = todayInChina(now);
  const rows = await db.execute<Open>(sql`
    select n.id as notice_id, p.id as person_id, p.partner_id, p.user_id, n.confirm_by::text as confirm_by,
      n.title_zh, n.title_en
    from training_people p
    join ${partners} pa on pa.id = p.partner_id and pa.status in ('active', 'suspended')
    join ${trainingNotices} n
      on n.requires_confirmation and n.withdrawn_at is null and ${noticeReachesSql}
      and n.confirm_by between ${today} and ${addDays(today, TRAINING_REMINDERS[0].days)}
    where p.removed_at is null and p.user_id is not null
      and not exists (
        select 1 from training_notice_receipts r
        where r.notice_id = n.id and r.person_id = p.id and r.confirmed_at is not null)
    order by n.confirm_by, n.id, p.id`);
  let reminded = 0;
  for (const item of rowsOf<Open>(rows)) {
    const passed = TRAINING_REMINDERS.filter((r) => item.confirm_by <= addDays(today, r.days));
    const reminder = passed[passed.length - 1];
    if (!reminder) continue;
    await db.transaction(async (tx) => {
      let fresh = false;
      for (const r of passed) {
        const claimed = await tx
          .insert(trainingRemindersSent)
          .values({
            key: `notice:${item.notice_id}:${item.person_id}:${r.key}`,
            kind: 'notice',
            sentOn: today,
            partnerId: item.partner_id,
          })
          .onConflictDoNothing()
          .returning({ key: trainingRemindersSent.key });
        if (r === reminder) fresh = claimed.length === 1;
      }
      if (!fresh) return;
      const days = Math.round(
        (Date.parse(`${item.confirm_by}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
      );
      await notify(tx, {
        userIds: [item.user_id],
        template: 'notify.training_notice_due',
        params: { title: item.title_zh, titleEn: item.title_en, date: item.confirm_by, days },
        link: `/p/training/notices/${item.notice_id}`,
        email: 'training',
      });
      await audit(tx, actor, {
        action: 'training.notice_reminded',
        entityType: 'training_person',
        entityId: item.person_id,
        partnerId: item.partner_id,
        data: { noticeId: item.notice_id, reminder: reminder.key, confirmBy: item.confirm_by },
      });
      reminded++;
    });
  }
  return reminded;
}
