import {
  apiKeys,
  auditLog,
  contracts,
  contractVersions,
  type DatabaseConnection,
  departments,
  notifications,
  outbox,
  partners,
  terminationCases,
  terminationHandovers,
  users,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeTerminationTask,
  createApiKey,
  decideTermination,
  getSetting,
  getTerminationCase,
  handoversToMe,
  ingestEvents,
  listTerminationCases,
  openTerminationCase,
  readTerminationCertificate,
  ownTermination,
  requestTermination,
  runTerminationsDue,
  runTerminationTaskReminders,
  saveTerminationApprovers,
  saveTerminationChecklist,
  terminationSettingsView,
  setSetting,
  setTerminationSuccessor,
  staffWorkQueue,
  submitTerminationTask,
  uploadTerminationCertificate,
  withdrawTerminationCase,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff, minimalPdf } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';

type StaffActor = Awaited<ReturnType<typeof makeStaff>>['actor'];
let conn: DatabaseConnection;
let officer: StaffActor;
let officerId: string;
let approverA: StaffActor;
let approverB: StaffActor;
let departmentId: string;
const storage = tempStorage();
const today = todayInChina();
const PDF = minimalPdf;

beforeAll(async () => {
  conn = await createTestDatabase();
  const { actor: admin } = await makeStaff(conn.db, ['admin']);
  const o = await makeStaff(conn.db, ['risk_officer']);
  officer = o.actor;
  officerId = o.user.id;
  const a = await makeStaff(conn.db, ['committee']);
  const b = await makeStaff(conn.db, ['risk_officer']);
  approverA = a.actor;
  approverB = b.actor;
  await setSetting(conn.db, admin, 'termination.approvers', { userIds: [a.user.id, b.user.id] });
  const [risk] = await conn.db.select().from(departments).where(eq(departments.key, 'risk'));
  departmentId = risk!.id;
});
afterAll(() => conn.close());

/** A contract in force with a notice period, as signing leaves it. */
async function contractInForce(partnerId: string, noticeDays: number) {
  const [c] = await conn.db
    .insert(contracts)
    .values({
      reference: `T-${Math.random().toString(36).slice(2, 10)}`,
      partnerId,
      serviceCategory: 'claims',
      status: 'active',
    })
    .returning();
  await conn.db.insert(contractVersions).values({
    contractId: c!.id,
    version: 1,
    status: 'signed',
    terms: {
      startDate: addDays(today, -300),
      endDate: addDays(today, 400),
      autoRenew: false,
      noticeDays,
      annualValueCents: 1_000_000,
      currency: 'CNY',
      governingLaw: 'PRC',
      language: 'zh-CN',
    },
    clauses: [],
  });
  return c!;
}

const open = (partnerId: string, extra: Record<string, unknown> = {}) =>
  openTerminationCase(conn.db, officer, {
    partnerId,
    source: 'non_renewal',
    type: 'convenience',
    reason: 'The arrangement is no longer needed.',
    effectiveDate: addDays(today, 30),
    departmentId,
    responsibleId: officerId,
    ...extra,
  });

async function approved(partnerId: string, extra: Record<string, unknown> = {}) {
  const row = await open(partnerId, extra);
  await decideTermination(conn.db, approverA, { caseId: row.id, decision: 'approve' });
  await decideTermination(conn.db, approverB, { caseId: row.id, decision: 'approve' });
  return row;
}

describe('opening a termination case', () => {
  it('refuses an effective date inside the notice period, naming the earliest date; for cause may end sooner', async () => {
    const partner = await makePartner(conn.db);
    await contractInForce(partner.id, 90);
    const earliest = addDays(today, 90);
    await expect(open(partner.id, { effectiveDate: addDays(today, 30) })).rejects.toMatchObject({
      status: 422,
      messageKey: 'terminations.error.noticePeriod',
      details: { earliest, noticeDays: 90, fields: [{ path: 'effectiveDate' }] },
    });
    expect(
      await conn.db.select().from(terminationCases).where(eq(terminationCases.partnerId, partner.id)),
    ).toEqual([]);
    expect(await open(partner.id, { effectiveDate: earliest })).toMatchObject({
      status: 'approval',
      earliestAllowedDate: earliest,
    });
    const other = await makePartner(conn.db);
    await contractInForce(other.id, 90);
    expect(await open(other.id, { type: 'for_cause', effectiveDate: addDays(today, 5) })).toMatchObject({
      status: 'approval',
    });
  });

  it('refuses a second open case, a terminated partner, another partner’s review as source, and a non-manager', async () => {
    const partner = await makePartner(conn.db);
    await open(partner.id);
    await expect(open(partner.id)).rejects.toMatchObject({ messageKey: 'terminations.error.openCase' });
    const [gone] = await conn.db
      .insert(partners)
      .values({ legalName: 'Gone Ltd', creditCode: '91310000MA1FL0RK6A', status: 'terminated' })
      .returning();
    await expect(open(gone!.id)).rejects.toMatchObject({
      messageKey: 'terminations.error.partnerNotTerminable',
    });
    const fresh = await makePartner(conn.db);
    await expect(
      open(fresh.id, { source: 'review', sourceId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ status: 422, details: { fields: [{ path: 'sourceId' }] } });
    const { actor: reviewer } = await makeStaff(conn.db, ['reviewer']);
    await expect(
      openTerminationCase(conn.db, reviewer, {
        partnerId: fresh.id,
        source: 'non_renewal',
        type: 'non_renewal',
        reason: 'Not renewed this year.',
        effectiveDate: addDays(today, 30),
        departmentId,
        responsibleId: officerId,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('approval', () => {
  it('needs every approver; a second decision is refused; approval makes the partner exiting, tells it and builds the checklist', async () => {
    const partner = await makePartner(conn.db);
    const member = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const row = await open(partner.id);
    const asked = await staffWorkQueue(conn.db, approverA);
    expect(
      asked.groups.find((g) => g.key === 'terminationsAwaitingApproval')?.items.map((i) => i.id),
    ).toContain(row.id);
    const ballots = await conn.db.select().from(outbox).where(eq(outbox.channel, 'slack'));
    expect(ballots.filter((b) => b.payload.caseId === row.id)).toHaveLength(2);
    expect(
      await decideTermination(conn.db, approverA, { caseId: row.id, decision: 'approve' }),
    ).toMatchObject({
      outcome: null,
      tally: { approve: 1, pending: 1, approvers: 2 },
    });
    await expect(
      decideTermination(conn.db, approverA, { caseId: row.id, decision: 'approve' }),
    ).rejects.toMatchObject({ messageKey: 'terminations.error.alreadyDecided' });
    const { actor: stranger } = await makeStaff(conn.db, ['committee']);
    await expect(
      decideTermination(conn.db, stranger, { caseId: row.id, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(
      await decideTermination(conn.db, approverB, { caseId: row.id, decision: 'approve' }),
    ).toMatchObject({
      outcome: 'approved',
    });
    const [p] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(p!.status).toBe('exiting');
    const told = await conn.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, member.user.id),
          eq(notifications.template, 'notify.termination_approved'),
        ),
      );
    expect(told).toHaveLength(1);
    const mail = await conn.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'email'), eq(outbox.target, member.user.email)));
    expect(mail).toHaveLength(1);
    const view = await getTerminationCase(conn.db, officer, row.id);
    // The standard partner's checklist has no regulator task (critical arrangements only).
    expect(view.tasks.map((t) => t.key).sort()).toEqual(
      ['customers', 'data_destruction', 'equipment', 'handover', 'settlement'].sort(),
    );
    expect(view.tasks.find((t) => t.key === 'settlement')).toMatchObject({
      side: 'internal',
      ownerId: officerId,
    });
  });

  it('a rejection needs a reason and closes the case', async () => {
    const partner = await makePartner(conn.db);
    const row = await open(partner.id);
    await expect(
      decideTermination(conn.db, approverA, { caseId: row.id, decision: 'reject' }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect(
      await decideTermination(conn.db, approverA, {
        caseId: row.id,
        decision: 'reject',
        reason: 'Keep them one more year',
      }),
    ).toMatchObject({ outcome: 'rejected' });
    await expect(
      decideTermination(conn.db, approverB, { caseId: row.id, decision: 'approve' }),
    ).rejects.toMatchObject({
      code: 'already_decided',
    });
    const [p] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(p!.status).toBe('active');
  });
});

describe('successor', () => {
  it('refuses an inactive successor or one not admitted for the same categories; lists the open items that move', async () => {
    const partner = await makePartner(conn.db);
    const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    await createApiKey(conn.db, admin.actor, { name: 'Claims system', scopes: ['events'] });
    const deal = await contractInForce(partner.id, 0);
    const row = await open(partner.id);
    const applying = await makePartner(conn.db, { status: 'applying' });
    const [itPartner] = await conn.db
      .update(partners)
      .set({ serviceCategories: ['it'] })
      .where(eq(partners.id, (await makePartner(conn.db)).id))
      .returning();
    for (const bad of [applying.id, itPartner!.id, partner.id]) {
      await expect(
        setTerminationSuccessor(conn.db, officer, { caseId: row.id, successorPartnerId: bad }),
      ).rejects.toMatchObject({ status: 422, messageKey: 'terminations.error.successorInvalid' });
    }
    expect((await getTerminationCase(conn.db, officer, row.id)).successorPartnerId).toBeNull();
    const good = await makePartner(conn.db);
    const saved = await setTerminationSuccessor(conn.db, officer, {
      caseId: row.id,
      successorPartnerId: good.id,
    });
    expect(saved.successorPartnerId).toBe(good.id);
    expect(saved.handoverItems.map((i) => i.kind).sort()).toEqual(['api_key', 'contract']);
    expect(saved.handoverItems.find((i) => i.kind === 'contract')!.id).toBe(deal.id);
  });
});

describe('partner side', () => {
  it('a partner requests termination, sees only its own case and partner tasks, uploads the certificate and submits', async () => {
    const partner = await makePartner(conn.db);
    const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const member = await makePartnerUser(conn.db, partner.id, 'partner_member');
    await expect(
      requestTermination(conn.db, member.actor, {
        reason: 'We close this line of business.',
        effectiveDate: addDays(today, 40),
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const req = await requestTermination(conn.db, admin.actor, {
      reason: 'We close this line of business.',
      effectiveDate: addDays(today, 40),
    });
    expect(req.status).toBe('requested');
    // A retried request returns the same case.
    expect(
      (
        await requestTermination(conn.db, admin.actor, {
          reason: 'We close this line of business.',
          effectiveDate: addDays(today, 40),
        })
      ).id,
    ).toBe(req.id);
    const taken = await open(partner.id, {
      source: 'partner_request',
      type: 'partner_request',
      effectiveDate: addDays(today, 40),
    });
    expect(taken.id).toBe(req.id);
    await decideTermination(conn.db, approverA, { caseId: req.id, decision: 'approve' });
    await decideTermination(conn.db, approverB, { caseId: req.id, decision: 'approve' });

    const mine = await ownTermination(conn.db, admin.actor);
    expect(mine!.tasks.every((t) => t.side === 'partner')).toBe(true);
    const data = mine!.tasks.find((t) => t.key === 'data_destruction')!;
    await expect(submitTerminationTask(conn.db, admin.actor, { taskId: data.id })).rejects.toMatchObject({
      messageKey: 'terminations.error.certificateRequired',
    });
    // Another partner can neither see nor touch it.
    const stranger = await makePartnerUser(conn.db, (await makePartner(conn.db)).id, 'partner_admin');
    expect(await ownTermination(conn.db, stranger.actor)).toBeNull();
    await expect(
      uploadTerminationCertificate(conn.db, stranger.actor, storage, {
        taskId: data.id,
        fileName: 'x.pdf',
        bytes: PDF,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(submitTerminationTask(conn.db, stranger.actor, { taskId: data.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    // A certificate of the wrong type is refused.
    await expect(
      uploadTerminationCertificate(conn.db, admin.actor, storage, {
        taskId: data.id,
        fileName: 'c.pdf',
        bytes: new TextEncoder().encode('just text, not a certificate'),
      }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    expect(
      (await ownTermination(conn.db, admin.actor))!.tasks.find((t) => t.id === data.id)!.hasCertificate,
    ).toBe(false);
    await uploadTerminationCertificate(conn.db, admin.actor, storage, {
      taskId: data.id,
      fileName: 'destruction.pdf',
      bytes: PDF,
    });
    expect(await submitTerminationTask(conn.db, admin.actor, { taskId: data.id })).toMatchObject({
      status: 'submitted',
    });
    expect(await completeTerminationTask(conn.db, officer, { taskId: data.id })).toMatchObject({
      status: 'done',
    });
    // Staff cannot tick off a partner task the partner has not submitted.
    const equipment = mine!.tasks.find((t) => t.key === 'equipment')!;
    await expect(completeTerminationTask(conn.db, officer, { taskId: equipment.id })).rejects.toMatchObject({
      messageKey: 'terminations.error.partnerTask',
    });
  });

  it('reminds of due and overdue tasks once', async () => {
    const partner = await makePartner(conn.db);
    await makePartnerUser(conn.db, partner.id, 'partner_admin');
    await approved(partner.id, { type: 'for_cause', effectiveDate: addDays(today, 2) });
    const first = await runTerminationTaskReminders(conn.db);
    expect(first.sent).toBeGreaterThan(0);
    expect((await runTerminationTaskReminders(conn.db)).sent).toBe(0);
  });
});

describe('withdrawal', () => {
  it('withdraws with a reason before the effective date and restores the partner', async () => {
    const partner = await makePartner(conn.db);
    const row = await approved(partner.id);
    await expect(
      withdrawTerminationCase(conn.db, officer, { caseId: row.id, reason: 'no' }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect(
      await withdrawTerminationCase(conn.db, officer, {
        caseId: row.id,
        reason: 'The partner fixed the issues.',
      }),
    ).toMatchObject({ status: 'withdrawn', closeReason: 'The partner fixed the issues.' });
    const [p] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(p!.status).toBe('active');
    // Withdrawn cases stay listed, with their department and responsible person.
    const listed = await listTerminationCases(conn.db, officer, { status: 'withdrawn', departmentId });
    expect(listed.map((c) => c.id)).toContain(row.id);
    expect(listed.find((c) => c.id === row.id)).toMatchObject({
      responsibleId: officerId,
      departmentEn: 'Risk management',
    });
  });
});

describe('the effective date', () => {
  it('completes once, also when run twice at the same time; nothing is deleted', async () => {
    const partner = await makePartner(conn.db);
    const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    await createApiKey(conn.db, admin.actor, { name: 'k', scopes: ['events'] });
    const deal = await contractInForce(partner.id, 0);
    const row = await approved(partner.id);
    const effective = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    expect((await runTerminationsDue(conn.db)).completed).not.toContain(row.id);
    const [a, b] = await Promise.all([
      runTerminationsDue(conn.db, effective),
      runTerminationsDue(conn.db, effective),
    ]);
    expect([...a.completed, ...b.completed].filter((id) => id === row.id)).toHaveLength(1);
    expect((await runTerminationsDue(conn.db, effective)).completed).toEqual([]);
    const [p] = await conn.db.select().from(partners).where(eq(partners.id, partner.id));
    expect(p!.status).toBe('terminated');
    const [u] = await conn.db.select().from(users).where(eq(users.id, admin.user.id));
    expect(u!.status).toBe('disabled');
    const keys = await conn.db.select().from(apiKeys).where(eq(apiKeys.partnerId, partner.id));
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
    const [c] = await conn.db.select().from(contracts).where(eq(contracts.id, deal.id));
    expect(c!.status).toBe('terminated');
    const actions = (await conn.db.select().from(auditLog).where(eq(auditLog.partnerId, partner.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'termination.access_revoked',
        'termination.api_keys_revoked',
        'contract.terminated',
        'partner.terminated',
        'termination.completed',
      ]),
    );
    // Staff and auditors still read the case.
    const { actor: auditor } = await makeStaff(conn.db, ['auditor']);
    expect((await getTerminationCase(conn.db, auditor, row.id)).status).toBe('completed');
    await expect(
      withdrawTerminationCase(conn.db, officer, { caseId: row.id, reason: 'Too late for this.' }),
    ).rejects.toMatchObject({ messageKey: 'terminations.error.notWithdrawable' });
  });
});

describe('hand-over of open cases to the successor', () => {
  /** Events as the partner's system sends them: 3 cases opened, CASE-2 closed, CASE-3's opening voided. */
  async function eventsOf(partnerId: string, prefix: string) {
    const at = (h: number) => new Date(Date.now() - (48 - h) * 3600 * 1000).toISOString();
    const due = new Date(Date.now() + 72 * 3600 * 1000).toISOString();
    await ingestEvents(conn.db, officer, {
      partnerId,
      events: [
        {
          externalId: `${prefix}-o1`,
          type: 'case_opened',
          occurredAt: at(1),
          caseId: `${prefix}-1`,
          slaDueAt: due,
        },
        {
          externalId: `${prefix}-o2`,
          type: 'case_opened',
          occurredAt: at(2),
          caseId: `${prefix}-2`,
          slaDueAt: due,
        },
        {
          externalId: `${prefix}-c2`,
          type: 'case_closed',
          occurredAt: at(3),
          caseId: `${prefix}-2`,
          slaDueAt: due,
        },
        {
          externalId: `${prefix}-o3`,
          type: 'case_opened',
          occurredAt: at(4),
          caseId: `${prefix}-3`,
          slaDueAt: due,
        },
        {
          externalId: `${prefix}-o4`,
          type: 'case_opened',
          occurredAt: at(5),
          caseId: `${prefix}-4`,
          slaDueAt: due,
        },
        {
          externalId: `${prefix}-x3`,
          type: 'correction',
          occurredAt: at(6),
          correctsExternalId: `${prefix}-o3`,
          reason: 'Opened by mistake.',
        },
      ],
    });
  }

  async function handoverTask(caseId: string) {
    const c = await getTerminationCase(conn.db, officer, caseId);
    return c.tasks.find((t) => t.key === 'handover')!;
  }

  it('moves each open case to the successor exactly once, also under a second and concurrent verification; the successor sees only its own', async () => {
    const partner = await makePartner(conn.db);
    const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    await eventsOf(partner.id, 'HX');
    const row = await approved(partner.id);
    const task = await handoverTask(row.id);
    await submitTerminationTask(conn.db, admin.actor, { taskId: task.id, note: 'Files sent.' });
    // Without a successor the open cases have nowhere to go: verification is refused.
    await expect(completeTerminationTask(conn.db, officer, { taskId: task.id })).rejects.toMatchObject({
      status: 409,
      messageKey: 'terminations.error.successorRequired',
    });
    const successor = await makePartner(conn.db);
    const successorAdmin = await makePartnerUser(conn.db, successor.id, 'partner_member');
    await setTerminationSuccessor(conn.db, officer, { caseId: row.id, successorPartnerId: successor.id });
    const results = await Promise.allSettled([
      completeTerminationTask(conn.db, officer, { taskId: task.id }),
      completeTerminationTask(conn.db, officer, { taskId: task.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { messageKey: 'terminations.error.taskState' },
    });
    const moved = await conn.db
      .select()
      .from(terminationHandovers)
      .where(eq(terminationHandovers.terminationCaseId, row.id));
    // CASE-2 was closed, CASE-3's opening was voided: 1 and 4 move.
    expect(moved.map((m) => m.caseId).sort()).toEqual(['HX-1', 'HX-4']);
    expect(moved.every((m) => m.fromPartnerId === partner.id && m.toPartnerId === successor.id)).toBe(true);
    expect((await getTerminationCase(conn.db, officer, row.id)).handovers).toHaveLength(2);

    // The effective-date job moves only what opened since: one new case, nothing twice.
    await ingestEvents(conn.db, officer, {
      partnerId: partner.id,
      events: [
        {
          externalId: 'HX-o5',
          type: 'case_opened',
          occurredAt: new Date(Date.now() - 3600 * 1000).toISOString(),
          caseId: 'HX-5',
          slaDueAt: new Date(Date.now() + 3600 * 1000).toISOString(),
        },
      ],
    });
    const effective = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    await Promise.all([runTerminationsDue(conn.db, effective), runTerminationsDue(conn.db, effective)]);
    const after = await conn.db
      .select()
      .from(terminationHandovers)
      .where(eq(terminationHandovers.terminationCaseId, row.id));
    expect(after.map((m) => m.caseId).sort()).toEqual(['HX-1', 'HX-4', 'HX-5']);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, 'termination.cases_handed_over')));
    expect(audits.map((a) => (a.data as { moved: number }).moved).sort()).toEqual([1, 2]);

    // The successor's people see the cases handed to them; another partner sees none.
    const mine = await handoversToMe(conn.db, successorAdmin.actor);
    expect(mine.map((m) => m.caseId).sort()).toEqual(['HX-1', 'HX-4', 'HX-5']);
    expect(mine[0]!.fromName).toBe(partner.legalName);
    const stranger = await makePartnerUser(conn.db, (await makePartner(conn.db)).id, 'partner_admin');
    expect(await handoversToMe(conn.db, stranger.actor)).toEqual([]);
    await expect(handoversToMe(conn.db, officer)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a successor that is not active or not admitted for the category is refused, and nothing moves to it', async () => {
    const partner = await makePartner(conn.db);
    await eventsOf(partner.id, 'HY');
    const row = await approved(partner.id);
    const [suspended] = await conn.db
      .update(partners)
      .set({ status: 'suspended' })
      .where(eq(partners.id, (await makePartner(conn.db)).id))
      .returning();
    const [other] = await conn.db
      .update(partners)
      .set({ serviceCategories: ['it'] })
      .where(eq(partners.id, (await makePartner(conn.db)).id))
      .returning();
    for (const bad of [suspended!.id, other!.id]) {
      await expect(
        setTerminationSuccessor(conn.db, officer, { caseId: row.id, successorPartnerId: bad }),
      ).rejects.toMatchObject({ status: 422, messageKey: 'terminations.error.successorInvalid' });
    }
    const effective = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    await runTerminationsDue(conn.db, effective);
    expect(
      await conn.db
        .select()
        .from(terminationHandovers)
        .where(eq(terminationHandovers.fromPartnerId, partner.id)),
    ).toEqual([]);
  });
});

describe('settings of termination cases', () => {
  it('administrators choose active staff as approvers and edit the checklist; bad values change nothing; each save is audited', async () => {
    const { actor: admin } = await makeStaff(conn.db, ['admin']);
    const before = await getSetting(conn.db, 'termination.approvers');
    await expect(saveTerminationApprovers(conn.db, officer, [officerId])).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(saveTerminationApprovers(conn.db, admin, [])).rejects.toMatchObject({
      status: 422,
      messageKey: 'terminations.settings.approversRequired',
    });
    const partnerUser = await makePartnerUser(conn.db, (await makePartner(conn.db)).id, 'partner_admin');
    await expect(
      saveTerminationApprovers(conn.db, admin, [officerId, partnerUser.user.id]),
    ).rejects.toMatchObject({ status: 422, messageKey: 'terminations.settings.approversInvalid' });
    await expect(saveTerminationApprovers(conn.db, admin, ['not-a-uuid'])).rejects.toMatchObject({
      status: 422,
    });
    expect(await getSetting(conn.db, 'termination.approvers')).toEqual(before);

    const view = await terminationSettingsView(conn.db, admin);
    expect(view.approverIds).toEqual(before.userIds);
    expect(view.staff.map((s) => s.id)).toContain(officerId);
    expect(view.tasks.map((t) => t.key)).toContain('handover');

    const tasks = view.tasks.slice(0, 2);
    await expect(
      saveTerminationChecklist(conn.db, admin, [...tasks, { ...tasks[0]!, titleEn: 'Again' }]),
    ).rejects.toMatchObject({ status: 422, messageKey: 'terminations.settings.duplicateKey' });
    await expect(
      saveTerminationChecklist(conn.db, admin, [{ ...tasks[0]!, daysBefore: 400 }]),
    ).rejects.toMatchObject({ status: 422 });
    await expect(saveTerminationChecklist(conn.db, admin, [])).rejects.toMatchObject({ status: 422 });
    expect((await getSetting(conn.db, 'termination.checklist')).tasks).toEqual(view.tasks);

    try {
      await saveTerminationChecklist(conn.db, admin, tasks);
      expect((await getSetting(conn.db, 'termination.checklist')).tasks.map((t) => t.key)).toEqual(
        tasks.map((t) => t.key),
      );
      await saveTerminationApprovers(conn.db, admin, [officerId, officerId]);
      expect((await getSetting(conn.db, 'termination.approvers')).userIds).toEqual([officerId]);
      const changes = await conn.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'setting.changed'), eq(auditLog.actorId, admin.userId)));
      expect(changes.map((c) => c.entityId).sort()).toEqual([
        'termination.approvers',
        'termination.checklist',
      ]);
    } finally {
      // The other tests rely on the two approvers and the default checklist.
      await saveTerminationApprovers(conn.db, admin, before.userIds);
      await saveTerminationChecklist(conn.db, admin, view.tasks);
    }
  });
});
