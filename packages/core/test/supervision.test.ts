import {
  auditLog,
  type DatabaseConnection,
  notifications,
  quarterlyReviews,
  rectificationItems,
  supervisionTasks,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSupervisionFinding,
  createSupervisionTask,
  getSupervisionTask,
  listSupervisionTasks,
  runSupervisionReminders,
  setSupervisionTaskStatus,
  verifyAuditChain,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let officer: Awaited<ReturnType<typeof makeStaff>>;
let owner: Awaited<ReturnType<typeof makeStaff>>;
let partner: Awaited<ReturnType<typeof makePartner>>;
let other: Awaited<ReturnType<typeof makePartner>>;
const today = todayInChina();

const tasksCount = async () => Number((await conn.db.select({ n: count() }).from(supervisionTasks))[0]!.n);
const entries = (action: string) => conn.db.select().from(auditLog).where(like(auditLog.action, action));

async function itemOf(partnerId: string, description: string) {
  const [review] = await conn.db
    .insert(quarterlyReviews)
    .values({ partnerId, quarter: '2026-Q3', status: 'finalised', snapshot: {} as never })
    .onConflictDoNothing()
    .returning();
  const reviewId =
    review?.id ??
    (await conn.db.select().from(quarterlyReviews).where(eq(quarterlyReviews.partnerId, partnerId)))[0]!.id;
  const [item] = await conn.db
    .insert(rectificationItems)
    .values({ reviewId, partnerId, position: 1, description, dueDate: addDays(today, 20) })
    .returning();
  return item!;
}

beforeAll(async () => {
  conn = await createTestDatabase();
  officer = await makeStaff(conn.db, ['risk_officer']);
  owner = await makeStaff(conn.db, ['reviewer']);
  partner = await makePartner(conn.db, { legalName: '监督甲有限公司' });
  other = await makePartner(conn.db, { legalName: '监督乙有限公司' });
});
afterAll(() => conn.close());

const valid = () => ({
  title: 'Q4 claims handling inspection',
  partnerIds: [partner.id],
  regions: ['east' as const],
  ownerId: owner.user.id,
  dueDate: addDays(today, 10),
});

describe('supervision tasks (decision record 053)', () => {
  it('the supervision group creates a task: audited, the owner told; it shows in the status view', async () => {
    const task = await createSupervisionTask(conn.db, officer.actor, valid());
    expect(task).toMatchObject({ status: 'open', ownerId: owner.user.id, regions: ['east'] });
    const [entry] = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, task.id));
    expect(entry).toMatchObject({ action: 'supervision.task_created', actorId: officer.user.id });
    const told = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, owner.user.id));
    expect(told.map((n) => n.template)).toContain('supervision.notify.assigned');
    const list = await listSupervisionTasks(conn.db, owner.actor, {});
    expect(list.tasks.find((t) => t.id === task.id)).toMatchObject({
      partnerNames: ['监督甲有限公司'],
      overdue: false,
      ownerName: owner.user.displayName,
    });
  });

  it('only risk officers and admins create; reviewers, auditors and partners are refused and nothing is stored', async () => {
    const before = await tasksCount();
    const auditor = await makeStaff(conn.db, ['auditor']);
    const partnerUser = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    for (const who of [owner.actor, auditor.actor, partnerUser.actor]) {
      await expect(createSupervisionTask(conn.db, who, valid())).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await tasksCount()).toBe(before);
    // Auditors read the status view.
    expect(
      (await listSupervisionTasks(conn.db, auditor.actor, { status: 'all' })).tasks.length,
    ).toBeGreaterThan(0);
    await expect(listSupervisionTasks(conn.db, partnerUser.actor, {})).rejects.toMatchObject({ status: 403 });
  });

  it('bad input: an unknown partner is 404, a past due date, no scope or a partner owner are 422; nothing stored', async () => {
    const before = await tasksCount();
    await expect(
      createSupervisionTask(conn.db, officer.actor, {
        ...valid(),
        partnerIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    ).rejects.toMatchObject({ status: 404, messageKey: 'supervision.error.partnerNotFound' });
    await expect(
      createSupervisionTask(conn.db, officer.actor, { ...valid(), dueDate: addDays(today, -1) }),
    ).rejects.toMatchObject({
      status: 422,
      messageKey: 'supervision.error.duePast',
      details: { field: 'dueDate' },
    });
    await expect(
      createSupervisionTask(conn.db, officer.actor, { ...valid(), partnerIds: [], regions: [] }),
    ).rejects.toMatchObject({ status: 422 });
    const partnerUser = await makePartnerUser(conn.db, partner.id, 'partner_member');
    await expect(
      createSupervisionTask(conn.db, officer.actor, { ...valid(), ownerId: partnerUser.user.id }),
    ).rejects.toMatchObject({ status: 422, messageKey: 'supervision.error.owner' });
    expect(await tasksCount()).toBe(before);
    // Today is allowed.
    await createSupervisionTask(conn.db, officer.actor, { ...valid(), dueDate: today });
  });

  it('a finding links existing rectification items of its partner; another partner’s item is refused', async () => {
    const task = await createSupervisionTask(conn.db, officer.actor, {
      ...valid(),
      partnerIds: [partner.id, other.id],
    });
    const mine = await itemOf(partner.id, 'Retrain claims handlers');
    const theirs = await itemOf(other.id, 'Fix complaint log');
    await expect(
      addSupervisionFinding(conn.db, officer.actor, {
        taskId: task.id,
        partnerId: partner.id,
        severity: 'high',
        description: 'Files incomplete',
        itemIds: [theirs.id],
      }),
    ).rejects.toMatchObject({ status: 422, messageKey: 'supervision.error.items' });
    await addSupervisionFinding(conn.db, officer.actor, {
      taskId: task.id,
      partnerId: partner.id,
      severity: 'high',
      description: 'Files incomplete',
      itemIds: [mine.id],
    });
    const view = await getSupervisionTask(conn.db, owner.actor, task.id);
    expect(view.findings).toMatchObject([
      { severity: 'high', partnerName: '监督甲有限公司', items: [{ id: mine.id, status: 'open' }] },
    ]);
    expect((await entries('supervision.finding_added')).length).toBe(1);
    await expect(getSupervisionTask(conn.db, owner.actor, 'not-a-uuid')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('closing needs a conclusion; closing twice audits once; a closed task takes no findings', async () => {
    const task = await createSupervisionTask(conn.db, officer.actor, valid());
    await expect(
      setSupervisionTaskStatus(conn.db, officer.actor, { taskId: task.id, status: 'closed' }),
    ).rejects.toMatchObject({ status: 422 });
    await setSupervisionTaskStatus(conn.db, officer.actor, {
      taskId: task.id,
      status: 'closed',
      conclusion: 'Fine',
    });
    await setSupervisionTaskStatus(conn.db, officer.actor, {
      taskId: task.id,
      status: 'closed',
      conclusion: 'Fine',
    });
    const closed = (await entries('supervision.task_closed')).filter((e) => e.entityId === task.id);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.data).toMatchObject({
      before: { status: 'open' },
      after: { status: 'closed', conclusion: 'Fine' },
    });
    await expect(
      addSupervisionFinding(conn.db, officer.actor, { taskId: task.id, severity: 'low', description: 'x' }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('the status view filters by status, owner, partner and region and marks overdue tasks', async () => {
    const task = await createSupervisionTask(conn.db, officer.actor, {
      ...valid(),
      partnerIds: [other.id],
      regions: ['south'],
    });
    // Time passes: the task is now overdue.
    const later = new Date(Date.now() + 12 * 86_400_000);
    const overdue = await listSupervisionTasks(conn.db, owner.actor, { status: 'overdue' }, later);
    expect(overdue.tasks.map((t) => t.id)).toContain(task.id);
    expect(overdue.tasks.every((t) => t.overdue)).toBe(true);
    expect(
      (await listSupervisionTasks(conn.db, owner.actor, { status: 'overdue' })).tasks.map((t) => t.id),
    ).not.toContain(task.id);
    const byRegion = await listSupervisionTasks(conn.db, owner.actor, { region: 'south' });
    expect(byRegion.tasks.map((t) => t.id)).toEqual([task.id]);
    const byPartner = await listSupervisionTasks(conn.db, owner.actor, {
      partnerId: other.id,
      status: 'all',
    });
    expect(byPartner.tasks.every((t) => t.partnerNames.includes('监督乙有限公司'))).toBe(true);
    const byOwner = await listSupervisionTasks(conn.db, owner.actor, { ownerId: officer.user.id });
    expect(byOwner.tasks).toEqual([]);
    // Unknown filter values fall back, never an error page.
    expect(
      (await listSupervisionTasks(conn.db, owner.actor, { status: 'bogus', region: 'mars' })).filters,
    ).toMatchObject({ status: 'open' });
  });

  it('reminds the owner once per due date, even with two workers at once; a moved due date reminds again', async () => {
    const db = await createTestDatabase();
    try {
      const o = await makeStaff(db.db, ['risk_officer']);
      const p = await makePartner(db.db);
      const task = await createSupervisionTask(db.db, o.actor, {
        title: 'Due soon',
        partnerIds: [p.id],
        ownerId: o.user.id,
        dueDate: addDays(today, 2),
      });
      await createSupervisionTask(db.db, o.actor, {
        title: 'Not yet',
        partnerIds: [p.id],
        ownerId: o.user.id,
        dueDate: addDays(today, 30),
      });
      const [a, b] = await Promise.all([runSupervisionReminders(db.db), runSupervisionReminders(db.db)]);
      expect(a.reminded + b.reminded).toBe(1);
      expect((await runSupervisionReminders(db.db)).reminded).toBe(0);
      const sent = await db.db
        .select()
        .from(notifications)
        .where(eq(notifications.template, 'supervision.notify.due'));
      expect(sent).toHaveLength(1);
      await db.db
        .update(supervisionTasks)
        .set({ dueDate: addDays(today, 1) })
        .where(eq(supervisionTasks.id, task.id));
      expect((await runSupervisionReminders(db.db)).reminded).toBe(1);
      // Overdue and not yet reminded for that date: the overdue wording.
      await db.db
        .update(supervisionTasks)
        .set({ dueDate: addDays(today, -1) })
        .where(eq(supervisionTasks.id, task.id));
      expect((await runSupervisionReminders(db.db)).reminded).toBe(1);
      const overdue = await db.db
        .select()
        .from(notifications)
        .where(eq(notifications.template, 'supervision.notify.overdue'));
      expect(overdue).toHaveLength(1);
      expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    } finally {
      await db.close();
    }
  });
});
