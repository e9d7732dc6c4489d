import {
  auditLog,
  type DatabaseConnection,
  outbox,
  riskAlertEvents,
  riskAlerts,
  riskIncidentEvents,
  riskIncidents,
  riskIncidentTasks,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  addRemediationTask,
  closeRiskIncident,
  containRiskIncident,
  getPartnerIncident,
  getRiskIncident,
  listPartnerIncidents,
  listRiskIncidents,
  openRiskIncident,
  partnerRemediationTasks,
  readTaskEvidence,
  rejectRemediationTask,
  RISK_INCIDENTS_CHANNEL,
  runRemediationTaskReminders,
  saveEmergencyPlan,
  saveRiskRule,
  staffWorkQueue,
  submitRemediationTask,
  updateRiskIncident,
  uploadTaskEvidence,
  verifyRemediationTask,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff, minimalPdf } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';

let conn: DatabaseConnection;
let risk: Actor;
let riskUserId: string;
let auditor: Actor;
const storage = tempStorage();
beforeAll(async () => {
  conn = await createTestDatabase();
  const officer = await makeStaff(conn.db, ['risk_officer']);
  risk = officer.actor;
  riskUserId = officer.user.id;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
});
afterAll(() => conn.close());

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to be refused').toBeInstanceOf(AppError);
  return error as AppError;
}

const base = () => ({
  title: 'Customer data sent to the wrong address',
  severity: 'critical' as const,
  description: 'A batch of claim letters went to the wrong customers.',
  affectedScope: 'Claim letters of one day',
  affectedCustomers: 120,
  containment: 'Mailing stopped',
  handlingPlan: 'Call every customer; re-send the letters',
  responsibleId: riskUserId,
});

const today = () => todayInChina(new Date());

async function incidentWithPartner() {
  const partner = await makePartner(conn.db);
  const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const { incident } = await openRiskIncident(conn.db, risk, { ...base(), partnerId: partner.id });
  return { partner, admin, incident };
}

describe('opening an incident', () => {
  it('from an alert links it, takes its partner, records it on both timelines and announces it in Slack', async () => {
    const partner = await makePartner(conn.db);
    const rule = await saveRiskRule(conn.db, risk, {
      kind: 'blacklist_hit',
      nameZh: '黑名单',
      nameEn: 'Blacklist',
      level: 'critical',
      serviceCategories: ['claims'],
      params: {},
    });
    const alertRow = {
      partnerId: partner.id,
      ruleId: rule.id,
      ruleVersion: rule.version,
      ruleSnapshot: {},
      conditionKey: 'blacklist',
      level: 'critical' as const,
      evidence: {},
      raisedAt: new Date(),
      responseDeadline: new Date(Date.now() + 86_400_000),
    };
    const [alert] = await conn.db.insert(riskAlerts).values(alertRow).returning();
    expect(alert).toBeDefined();

    const first = await openRiskIncident(conn.db, risk, { ...base(), alertId: alert!.id });
    expect(first.existing).toBe(false);
    expect(first.incident).toMatchObject({ partnerId: partner.id, alertId: alert!.id, status: 'open' });
    // A retry (double click) returns the same incident, never a second one.
    const again = await openRiskIncident(conn.db, risk, { ...base(), alertId: alert!.id });
    expect(again).toMatchObject({ existing: true, incident: { id: first.incident.id } });
    // Two people at once on a fresh alert: one incident, both get it.
    const [fresh] = await conn.db
      .insert(riskAlerts)
      .values({ ...alertRow, partnerId: (await makePartner(conn.db)).id })
      .returning();
    const both = await Promise.all([
      openRiskIncident(conn.db, risk, { ...base(), alertId: fresh!.id }),
      openRiskIncident(conn.db, risk, { ...base(), alertId: fresh!.id }),
    ]);
    expect(new Set(both.map((b) => b.incident.id)).size).toBe(1);
    expect(both.map((b) => b.existing).sort()).toEqual([false, true]);
    expect(
      await conn.db.select().from(riskIncidents).where(eq(riskIncidents.alertId, alert!.id)),
    ).toHaveLength(1);

    const alertEvents = await conn.db
      .select()
      .from(riskAlertEvents)
      .where(eq(riskAlertEvents.alertId, alert!.id))
      .orderBy(asc(riskAlertEvents.id));
    expect(alertEvents.at(-1)).toMatchObject({
      kind: 'incident_opened',
      data: { incidentId: first.incident.id },
    });
    const posts = await conn.db.select().from(outbox).where(eq(outbox.target, RISK_INCIDENTS_CHANNEL));
    expect(
      posts.some((p) => (p.payload as { template?: string }).template === 'notify.risk_incident_opened'),
    ).toBe(true);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, first.incident.id))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['risk_incident.opened']);
  });

  it('directly needs the permission, a partner, a title and a staff member responsible', async () => {
    const partner = await makePartner(conn.db);
    expect(
      (await refused(openRiskIncident(conn.db, auditor, { ...base(), partnerId: partner.id }))).code,
    ).toBe('forbidden');
    const e1 = await refused(openRiskIncident(conn.db, risk, { ...base() }));
    expect(e1.code).toBe('validation_failed');
    expect(JSON.stringify(e1.details)).toContain('partnerId');
    const e2 = await refused(
      openRiskIncident(conn.db, risk, { ...base(), partnerId: partner.id, title: ' ' }),
    );
    expect(JSON.stringify(e2.details)).toContain('title');
    const partnerUser = await makePartnerUser(conn.db, partner.id);
    const e3 = await refused(
      openRiskIncident(conn.db, risk, {
        ...base(),
        partnerId: partner.id,
        responsibleId: partnerUser.user.id,
      }),
    );
    expect(JSON.stringify(e3.details)).toContain('responsibleId');
    const e4 = await refused(
      openRiskIncident(conn.db, risk, { ...base(), partnerId: partner.id, affectedCustomers: -3 }),
    );
    expect(e4.code).toBe('validation_failed');
    expect(
      await conn.db.select().from(riskIncidents).where(eq(riskIncidents.partnerId, partner.id)),
    ).toHaveLength(0);
  });

  it('copies the chosen plan; later edits of the plan leave the incident as it was', async () => {
    const plan = await saveEmergencyPlan(conn.db, risk, {
      scenario: 'data_breach',
      titleZh: '数据泄露应急预案',
      titleEn: 'Data breach plan',
      bodyZh: '**立即**止损。',
      bodyEn: '**Stop** the leak first.',
      stepsZh: ['停止发送', '通知客户'],
      stepsEn: ['Stop sending', 'Tell the customers'],
    });
    const partner = await makePartner(conn.db);
    const { incident } = await openRiskIncident(conn.db, risk, {
      ...base(),
      partnerId: partner.id,
      planId: plan.id,
    });
    expect(incident.plan).toMatchObject({
      planId: plan.id,
      version: 1,
      stepsEn: ['Stop sending', 'Tell the customers'],
    });
    const edited = await saveEmergencyPlan(conn.db, risk, {
      planId: plan.id,
      scenario: 'data_breach',
      titleZh: '数据泄露应急预案（修订）',
      titleEn: 'Data breach plan (revised)',
      bodyZh: '新内容',
      bodyEn: 'New content',
      stepsZh: ['一'],
      stepsEn: ['One'],
    });
    expect(edited.version).toBe(2);
    // Creating the same plan again (a retry) gives the first back, unchanged.
    const retried = await saveEmergencyPlan(conn.db, risk, {
      scenario: 'data_breach',
      titleZh: '数据泄露应急预案（修订）',
      titleEn: 'Data breach plan (revised)',
      bodyZh: '新内容',
      bodyEn: 'New content',
    });
    expect(retried).toMatchObject({ id: plan.id, version: 2 });
    const planBody = {
      scenario: 'data_breach' as const,
      titleZh: '甲',
      titleEn: 'A',
      bodyZh: '甲',
      bodyEn: 'A',
    };
    const view = await getRiskIncident(conn.db, risk, incident.id);
    expect(view.incident.plan).toMatchObject({
      version: 1,
      titleEn: 'Data breach plan',
      stepsZh: ['停止发送', '通知客户'],
    });
    // A plan with steps missing in one language is refused, and a retired plan cannot be chosen.
    const mismatch = await refused(
      saveEmergencyPlan(conn.db, risk, {
        ...planBody,
        planId: plan.id,
        stepsZh: ['一', '二'],
        stepsEn: ['One'],
      }),
    );
    expect(mismatch.messageKey).toBe('risk.plan.error.stepsMismatch');
    await saveEmergencyPlan(conn.db, risk, {
      planId: plan.id,
      scenario: 'data_breach',
      titleZh: 'x',
      titleEn: 'x',
      bodyZh: 'x',
      bodyEn: 'x',
      active: false,
    });
    const retired = await refused(
      openRiskIncident(conn.db, risk, { ...base(), partnerId: partner.id, planId: plan.id }),
    );
    expect(JSON.stringify(retired.details)).toContain('planId');
    expect((await refused(saveEmergencyPlan(conn.db, auditor, planBody))).code).toBe('forbidden');
  });
});

describe('the state machine and closing', () => {
  it('open → contained → closed; closing needs containment, root cause, lessons and every task verified', async () => {
    const { incident, admin } = await incidentWithPartner();
    const notContained = await refused(
      closeRiskIncident(conn.db, risk, { incidentId: incident.id, rootCause: 'x', lessonsLearned: 'y' }),
    );
    expect(notContained).toMatchObject({ code: 'conflict', messageKey: 'risk.incident.error.notContained' });
    await containRiskIncident(conn.db, risk, { incidentId: incident.id, note: 'Mailing stopped' });
    expect((await refused(containRiskIncident(conn.db, risk, { incidentId: incident.id }))).status).toBe(409);

    const task = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Re-send the letters',
      dueDate: addDays(today(), 5),
    });
    const missing = await refused(
      closeRiskIncident(conn.db, risk, { incidentId: incident.id, rootCause: ' ', lessonsLearned: '' }),
    );
    expect(missing.code).toBe('validation_failed');
    expect(JSON.stringify(missing.details)).toContain('rootCause');
    expect(JSON.stringify(missing.details)).toContain('lessonsLearned');
    const unverified = await refused(
      closeRiskIncident(conn.db, risk, {
        incidentId: incident.id,
        rootCause: 'A wrong mail merge',
        lessonsLearned: 'Check',
      }),
    );
    expect(unverified).toMatchObject({
      code: 'conflict',
      messageKey: 'risk.incident.error.tasksUnverified',
      details: { count: 1 },
    });

    await uploadTaskEvidence(conn.db, admin.actor, storage, {
      taskId: task.id,
      fileName: 'letters.pdf',
      bytes: minimalPdf,
    });
    await submitRemediationTask(conn.db, admin.actor, { taskId: task.id, note: 'All re-sent' });
    await verifyRemediationTask(conn.db, risk, task.id);
    const closed = await closeRiskIncident(conn.db, risk, {
      incidentId: incident.id,
      rootCause: 'A wrong mail merge',
      lessonsLearned: 'Check a sample before mailing',
    });
    expect(closed).toMatchObject({ status: 'closed', rootCause: 'A wrong mail merge', closedBy: riskUserId });
    // Closed is final: no edits, tasks or second closing.
    expect(
      (await refused(updateRiskIncident(conn.db, risk, { ...base(), incidentId: incident.id }))).messageKey,
    ).toBe('risk.incident.error.closed');
    expect(
      (
        await refused(
          addRemediationTask(conn.db, risk, {
            incidentId: incident.id,
            assignee: 'partner',
            description: 'x',
            dueDate: today(),
          }),
        )
      ).status,
    ).toBe(409);

    const events = await conn.db
      .select({ kind: riskIncidentEvents.kind })
      .from(riskIncidentEvents)
      .where(eq(riskIncidentEvents.incidentId, incident.id))
      .orderBy(asc(riskIncidentEvents.id));
    expect(events.map((e) => e.kind)).toEqual([
      'opened',
      'contained',
      'task_added',
      'evidence_uploaded',
      'task_submitted',
      'task_verified',
      'closed',
    ]);
    const audits = await conn.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, incident.id))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(events.map((e) => `risk_incident.${e.kind}`));
    const posts = await conn.db.select().from(outbox).where(eq(outbox.target, RISK_INCIDENTS_CHANNEL));
    const templates = posts.map((p) => (p.payload as { template?: string }).template);
    // The channel follows the incident's main changes: opened, contained, closed.
    for (const step of ['opened', 'contained', 'closed']) {
      expect(templates).toContain(`notify.risk_incident_${step}`);
    }
  });

  it('a rejected task goes back to the partner with the reason; an internal task is done by staff with a note', async () => {
    const { incident, admin } = await incidentWithPartner();
    const task = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Train the mailing team',
      dueDate: addDays(today(), 3),
    });
    expect((await refused(submitRemediationTask(conn.db, admin.actor, { taskId: task.id }))).messageKey).toBe(
      'risk.task.error.evidenceRequired',
    );
    await uploadTaskEvidence(conn.db, admin.actor, storage, {
      taskId: task.id,
      fileName: 'a.pdf',
      bytes: minimalPdf,
    });
    await submitRemediationTask(conn.db, admin.actor, { taskId: task.id });
    // The risk officers' work queue lists it to verify; the auditor (read-only) has no such work.
    const queue = await staffWorkQueue(conn.db, risk);
    const group = queue.groups.find((g) => g.key === 'remediationTasksToVerify');
    expect(group?.items.map((i) => i.href)).toContain(`/s/risk/incidents/${incident.id}#task-${task.id}`);
    expect((await staffWorkQueue(conn.db, auditor)).groups.map((g) => g.key)).not.toContain(
      'remediationTasksToVerify',
    );
    expect((await refused(rejectRemediationTask(conn.db, risk, { taskId: task.id, reason: '' }))).code).toBe(
      'validation_failed',
    );
    const back = await rejectRemediationTask(conn.db, risk, {
      taskId: task.id,
      reason: 'No attendance list',
    });
    expect(back).toMatchObject({ status: 'open', rejectionReason: 'No attendance list' });
    expect((await refused(verifyRemediationTask(conn.db, risk, task.id))).messageKey).toBe(
      'risk.task.error.state',
    );

    const internal = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'internal',
      assigneeId: riskUserId,
      description: 'Review the mail-merge controls',
      dueDate: addDays(today(), 3),
    });
    // Sent twice (a retry): one task.
    const again = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'internal',
      assigneeId: riskUserId,
      description: 'Review the mail-merge controls',
      dueDate: addDays(today(), 3),
    });
    expect(again.id).toBe(internal.id);
    expect((await refused(submitRemediationTask(conn.db, risk, { taskId: internal.id }))).code).toBe(
      'validation_failed',
    );
    await submitRemediationTask(conn.db, risk, { taskId: internal.id, note: 'Controls reviewed' });
    expect((await verifyRemediationTask(conn.db, risk, internal.id)).status).toBe('verified');
    // Staff cannot submit the partner's task for it.
    expect(
      (await refused(submitRemediationTask(conn.db, risk, { taskId: task.id, note: 'x' }))).messageKey,
    ).toBe('risk.task.error.partnerTask');
    const bad = await refused(
      addRemediationTask(conn.db, risk, {
        incidentId: incident.id,
        assignee: 'internal',
        description: 'x',
        dueDate: today(),
      }),
    );
    expect(JSON.stringify(bad.details)).toContain('assigneeId');
    const badDate = await refused(
      addRemediationTask(conn.db, risk, {
        incidentId: incident.id,
        assignee: 'partner',
        description: 'x',
        dueDate: '2026-13-01',
      }),
    );
    expect(badDate.code).toBe('validation_failed');
  });
});

describe('partner isolation', () => {
  it('a partner sees only its own incidents with partner tasks, never internal tasks or staff notes', async () => {
    const a = await incidentWithPartner();
    const b = await incidentWithPartner();
    const member = await makePartnerUser(conn.db, a.partner.id, 'partner_member');
    const internalOnly = await openRiskIncident(conn.db, risk, {
      ...base(),
      partnerId: a.partner.id,
      title: 'Internal only',
    });
    const partnerTask = await addRemediationTask(conn.db, risk, {
      incidentId: a.incident.id,
      assignee: 'partner',
      description: 'Partner task',
      dueDate: addDays(today(), 1),
    });
    await addRemediationTask(conn.db, risk, {
      incidentId: a.incident.id,
      assignee: 'internal',
      assigneeId: riskUserId,
      description: 'Internal task',
      dueDate: addDays(today(), 1),
    });
    const bTask = await addRemediationTask(conn.db, risk, {
      incidentId: b.incident.id,
      assignee: 'partner',
      description: 'Other partner task',
      dueDate: addDays(today(), 1),
    });

    const list = await listPartnerIncidents(conn.db, a.admin.actor);
    expect(list.incidents.map((i) => i.id)).toEqual([a.incident.id]);
    const view = await getPartnerIncident(conn.db, member.actor, a.incident.id);
    expect(view.tasks.map((t) => t.description)).toEqual(['Partner task']);
    const text = JSON.stringify(view);
    for (const secret of [
      'Call every customer',
      'Mailing stopped',
      'Internal task',
      'handlingPlan',
      'containment',
    ]) {
      expect(text).not.toContain(secret);
    }
    // Another partner's incident, an internal-only one and a nonsense id are all "not found".
    for (const id of [b.incident.id, internalOnly.incident.id, 'nope']) {
      expect((await refused(getPartnerIncident(conn.db, a.admin.actor, id))).code).toBe('not_found');
    }
    expect(
      (
        await refused(
          uploadTaskEvidence(conn.db, a.admin.actor, storage, {
            taskId: bTask.id,
            fileName: 'x.pdf',
            bytes: minimalPdf,
          }),
        )
      ).code,
    ).toBe('not_found');
    expect((await refused(submitRemediationTask(conn.db, a.admin.actor, { taskId: bTask.id }))).code).toBe(
      'not_found',
    );
    // A member reads but does not answer; partners never act as staff.
    expect(
      (
        await refused(
          uploadTaskEvidence(conn.db, member.actor, storage, {
            taskId: partnerTask.id,
            fileName: 'x.pdf',
            bytes: minimalPdf,
          }),
        )
      ).code,
    ).toBe('forbidden');
    expect((await refused(verifyRemediationTask(conn.db, a.admin.actor, partnerTask.id))).code).toBe(
      'forbidden',
    );
    expect((await refused(listRiskIncidents(conn.db, a.admin.actor))).code).toBe('forbidden');
    expect((await refused(getRiskIncident(conn.db, a.admin.actor, a.incident.id))).code).toBe('forbidden');
    expect(
      (await refused(openRiskIncident(conn.db, a.admin.actor, { ...base(), partnerId: a.partner.id }))).code,
    ).toBe('forbidden');

    // Evidence files: the uploader's partner and staff read them; another partner does not.
    const file = await uploadTaskEvidence(conn.db, a.admin.actor, storage, {
      taskId: partnerTask.id,
      fileName: 'proof.pdf',
      bytes: minimalPdf,
    });
    expect((await readTaskEvidence(conn.db, a.admin.actor, storage, file.id)).fileName).toBe('proof.pdf');
    expect((await readTaskEvidence(conn.db, auditor, storage, file.id)).contentType).toBe('application/pdf');
    expect((await refused(readTaskEvidence(conn.db, b.admin.actor, storage, file.id))).code).toBe(
      'not_found',
    );
    expect((await partnerRemediationTasks(conn.db, b.admin.actor)).map((t) => t.id)).toEqual([bTask.id]);
  });

  it('staff list with filters, search and pagination; overdue tasks are marked', async () => {
    const { incident } = await incidentWithPartner();
    await conn.db
      .update(riskIncidents)
      .set({ title: 'Unique zebra outage' })
      .where(eq(riskIncidents.id, incident.id));
    await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Late',
      dueDate: addDays(today(), -2),
    });
    const found = await listRiskIncidents(conn.db, auditor, { q: 'zebra' });
    expect(found.incidents.map((i) => i.id)).toEqual([incident.id]);
    expect(found.incidents[0]).toMatchObject({ overdue: true, tasks: 1, tasksVerified: 0 });
    expect(
      (await listRiskIncidents(conn.db, auditor, { overdue: true })).incidents.map((i) => i.id),
    ).toContain(incident.id);
    expect((await listRiskIncidents(conn.db, auditor, { status: 'closed', q: 'zebra' })).total).toBe(0);
    expect((await refused(listRiskIncidents(conn.db, auditor, { page: 0 }))).code).toBe('validation_failed');
    const view = await getRiskIncident(conn.db, auditor, incident.id);
    expect(view.tasks[0]).toMatchObject({ overdue: true, status: 'open' });
  });
});

describe('reminders', () => {
  it('due within two days and overdue, each once, to the partner (or the staff member)', async () => {
    const { incident, admin } = await incidentWithPartner();
    const soon = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Soon',
      dueDate: addDays(today(), 2),
    });
    const later = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Later',
      dueDate: addDays(today(), 10),
    });
    await runRemediationTaskReminders(conn.db);
    await runRemediationTaskReminders(conn.db);
    const rows = await conn.db
      .select()
      .from(riskIncidentTasks)
      .where(eq(riskIncidentTasks.incidentId, incident.id));
    expect(rows.find((r) => r.id === soon.id)!.remindersSent).toEqual(['due_soon']);
    expect(rows.find((r) => r.id === later.id)!.remindersSent).toEqual([]);
    // Three days later the task is overdue: one more reminder, once.
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    await runRemediationTaskReminders(conn.db, inThreeDays);
    await runRemediationTaskReminders(conn.db, inThreeDays);
    const [after] = await conn.db.select().from(riskIncidentTasks).where(eq(riskIncidentTasks.id, soon.id));
    expect([...after!.remindersSent].sort()).toEqual(['due_soon', 'overdue']);
    const { notifications } = await import('@outpost/db');
    const inbox = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, admin.user.id));
    expect(inbox.filter((n) => n.template === 'notify.risk_task_due')).toHaveLength(1);
    expect(inbox.filter((n) => n.template === 'notify.risk_task_overdue')).toHaveLength(1);
  });
});

describe('the partner’s next steps', () => {
  it('list its open remediation tasks by due date, marked overdue; submitted ones drop out', async () => {
    const { partnerNextSteps } = await import('../src/index.ts');
    const { incident, admin } = await incidentWithPartner();
    const late = await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'partner',
      description: 'Late one',
      dueDate: addDays(today(), -1),
    });
    await addRemediationTask(conn.db, risk, {
      incidentId: incident.id,
      assignee: 'internal',
      assigneeId: riskUserId,
      description: 'Not the partner’s',
      dueDate: addDays(today(), 1),
    });
    const steps = async () =>
      (await partnerNextSteps(conn.db, admin.actor)).steps.filter((s) => s.kind === 'remediationTask');
    expect(await steps()).toMatchObject([
      {
        taskId: late.id,
        overdue: true,
        canAnswer: true,
        href: `/p/risk/incidents/${incident.id}#task-${late.id}`,
      },
    ]);
    await uploadTaskEvidence(conn.db, admin.actor, storage, {
      taskId: late.id,
      fileName: 'x.pdf',
      bytes: minimalPdf,
    });
    await submitRemediationTask(conn.db, admin.actor, { taskId: late.id });
    expect(await steps()).toEqual([]);
  });
});

describe('editing the details', () => {
  it('records what changed (from → to) on the timeline and in the audit log; an unchanged save records nothing', async () => {
    const { incident } = await incidentWithPartner();
    await updateRiskIncident(conn.db, risk, { ...base(), incidentId: incident.id });
    await updateRiskIncident(conn.db, risk, {
      ...base(),
      incidentId: incident.id,
      title: 'Renamed',
      affectedCustomers: '130' as never,
    });
    const events = await conn.db
      .select()
      .from(riskIncidentEvents)
      .where(eq(riskIncidentEvents.incidentId, incident.id))
      .orderBy(asc(riskIncidentEvents.id));
    expect(events.map((e) => e.kind)).toEqual(['opened', 'updated']);
    expect(events[1]!.data).toMatchObject({
      changed: { title: { from: base().title, to: 'Renamed' }, affectedCustomers: { from: 120, to: 130 } },
    });
    expect(
      (await refused(updateRiskIncident(conn.db, auditor, { ...base(), incidentId: incident.id }))).code,
    ).toBe('forbidden');
  });
});
