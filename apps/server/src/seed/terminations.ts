import {
  completeTerminationTask,
  decideTermination,
  earliestEffectiveDate,
  getTerminationCase,
  listDepartments,
  openTerminationCase,
  ownTermination,
  setSetting,
  setTerminationSuccessor,
  submitTerminationTask,
} from '@outpost/core';
import { partners } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

const APPROVERS = ['committee1@outpost.test', 'admin@outpost.test'];

/**
 * A termination case in progress (decision record 049): 华信承保 (not a showcase partner; no
 * browser test relies on its status) is leaving by convenience on the earliest date its contract's
 * notice period allows, approved by both configured approvers, with 瑞丰核保 (same categories) as
 * successor. The partner submitted its hand-over; the data-destruction certificate and the
 * equipment are still open, and the settlement is done.
 */
export async function seedTerminations(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
): Promise<void> {
  const { db } = context;
  const admin = staffActor(context, 'admin@outpost.test');
  const risk = staffActor(context, 'risk@outpost.test');
  const ids = APPROVERS.map((e) => staffActor(context, e)).map((a) => (a.type === 'staff' ? a.userId : ''));
  await setSetting(db, admin, 'termination.approvers', { userIds: ids });
  const leaving = admitted.find((a) => a.partner.key === 'huaxin')!;
  const successor = admitted.find((a) => a.partner.key === 'ruifeng')!;
  const notice = await earliestEffectiveDate(db, leaving.joined.partnerId, context.today);
  const departmentId = (await listDepartments(db)).find((d) => d.key === 'partner_management')!.id;
  const row = await openTerminationCase(
    db,
    risk,
    {
      partnerId: leaving.joined.partnerId,
      source: 'non_renewal',
      type: 'convenience',
      reason: '承保外包业务收归总部，与华信承保的合作到期终止。',
      effectiveDate: notice?.earliest ?? addDays(context.today, 60),
      departmentId,
      responsibleId: risk.type === 'staff' ? risk.userId : '',
    },
    context.now,
  );
  for (const email of APPROVERS) {
    await decideTermination(
      db,
      staffActor(context, email),
      { caseId: row.id, decision: 'approve' },
      context.now,
    );
  }
  await setTerminationSuccessor(db, risk, { caseId: row.id, successorPartnerId: successor.joined.partnerId });
  const own = await ownTermination(db, leaving.joined.admin);
  const handover = own!.tasks.find((t) => t.key === 'handover')!;
  await submitTerminationTask(db, leaving.joined.admin, {
    taskId: handover.id,
    note: '未结案件清单已交给瑞丰核保，客户名单已加密传送。',
  });
  const [p] = await db.select().from(partners).where(eq(partners.id, leaving.joined.partnerId));
  if (p?.status !== 'exiting') throw new Error('seed: the leaving partner should be exiting');
  // The settlement is done; the rest stays open for the demo.
  const view = await getTerminationCase(db, risk, row.id);
  const settlement = view.tasks.find((t) => t.key === 'settlement');
  if (settlement)
    await completeTerminationTask(db, risk, { taskId: settlement.id, note: '最终结算单已双方确认。' });
}
