import {
  type Database,
  partners,
  riskAlerts,
  riskEmergencyPlans,
  riskIncidentEvents,
  riskIncidentEvidence,
  riskIncidents,
  riskIncidentStatuses,
  riskIncidentTasks,
  riskLevels,
  riskRules,
  users,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, asc, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { pageNumber } from '../../fields.ts';
import { assertCan } from '../../permissions.ts';
import { isUuid, parse } from '../../validation.ts';
import { taskOverdue } from './tasks.ts';

export const RISK_INCIDENTS_PAGE_SIZE = 25;

export const incidentListInput = z.object({
  /** `live` (open or contained, the default), one status, or `all`. */
  status: z.enum([...riskIncidentStatuses, 'live', 'all']).default('live'),
  severity: z.enum(riskLevels).optional(),
  partnerId: z.uuid().optional(),
  /** Only incidents with a remediation task past its due date. */
  overdue: z.boolean().default(false),
  q: z.string().trim().max(200).optional(),
  page: pageNumber().default(1),
});
export type IncidentListInput = z.input<typeof incidentListInput>;

// Sub-queries name their columns in full: drizzle drops the table from a column when a query has no join.
const overdueTask = (today: string) =>
  sql`exists (select 1 from risk_incident_tasks t where t.incident_id = risk_incidents.id and t.status <> 'verified' and t.due_date < ${today})`;
const taskCount = (condition: string) =>
  sql<number>`(select count(*) from risk_incident_tasks t where t.incident_id = risk_incidents.id${sql.raw(condition)})`.mapWith(
    Number,
  );

/** The staff list of incidents: live ones first, most severe, newest. */
export async function listRiskIncidents(
  db: Database,
  actor: Actor,
  raw: IncidentListInput = {},
  now = new Date(),
) {
  assertCan(actor, 'read:risk');
  const input = parse(incidentListInput, raw);
  const today = todayInChina(now);
  const where: SQL[] = [];
  if (input.status === 'live') where.push(inArray(riskIncidents.status, ['open', 'contained']));
  else if (input.status !== 'all') where.push(eq(riskIncidents.status, input.status));
  if (input.severity) where.push(eq(riskIncidents.severity, input.severity));
  if (input.partnerId) where.push(eq(riskIncidents.partnerId, input.partnerId));
  if (input.overdue) where.push(overdueTask(today));
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(riskIncidents.title, like), ilike(partners.legalName, like))!);
  }
  const statusOrder = sql`case ${riskIncidents.status} when 'open' then 0 when 'contained' then 1 else 2 end`;
  const severityOrder = sql`case ${riskIncidents.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`;
  const rows = await db
    .select({
      id: riskIncidents.id,
      title: riskIncidents.title,
      severity: riskIncidents.severity,
      status: riskIncidents.status,
      partnerId: riskIncidents.partnerId,
      partnerName: partners.legalName,
      openedAt: riskIncidents.openedAt,
      closedAt: riskIncidents.closedAt,
      responsibleName: users.displayName,
      tasks: taskCount(''),
      tasksVerified: taskCount(" and t.status = 'verified'"),
      overdue: sql<boolean>`${overdueTask(today)}`.mapWith(Boolean),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(riskIncidents)
    .innerJoin(partners, eq(partners.id, riskIncidents.partnerId))
    .innerJoin(users, eq(users.id, riskIncidents.responsibleId))
    .where(and(...where))
    .orderBy(statusOrder, severityOrder, desc(riskIncidents.openedAt), asc(riskIncidents.id))
    .limit(RISK_INCIDENTS_PAGE_SIZE)
    .offset((input.page - 1) * RISK_INCIDENTS_PAGE_SIZE);
  return {
    page: input.page,
    pageSize: RISK_INCIDENTS_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    incidents: rows.map(({ total: _t, ...r }) => r),
  };
}

async function tasksOf(db: Database, incidentId: string, partnerOnly: boolean, now: Date) {
  const assignee = alias(users, 'assignee_user');
  const tasks = await db
    .select({ task: riskIncidentTasks, assigneeName: assignee.displayName })
    .from(riskIncidentTasks)
    .leftJoin(assignee, eq(assignee.id, riskIncidentTasks.assigneeId))
    .where(
      partnerOnly
        ? and(eq(riskIncidentTasks.incidentId, incidentId), eq(riskIncidentTasks.assignee, 'partner'))
        : eq(riskIncidentTasks.incidentId, incidentId),
    )
    .orderBy(asc(riskIncidentTasks.dueDate), asc(riskIncidentTasks.createdAt), asc(riskIncidentTasks.id));
  const ids = tasks.map((t) => t.task.id);
  const evidence = ids.length
    ? await db
        .select({
          id: riskIncidentEvidence.id,
          taskId: riskIncidentEvidence.taskId,
          fileName: riskIncidentEvidence.fileName,
          sizeBytes: riskIncidentEvidence.sizeBytes,
          uploadedAt: riskIncidentEvidence.uploadedAt,
        })
        .from(riskIncidentEvidence)
        .where(inArray(riskIncidentEvidence.taskId, ids))
        .orderBy(asc(riskIncidentEvidence.uploadedAt), asc(riskIncidentEvidence.id))
    : [];
  return tasks.map(({ task, assigneeName }) => ({
    id: task.id,
    assignee: task.assignee,
    assigneeId: task.assigneeId,
    assigneeName,
    description: task.description,
    dueDate: task.dueDate,
    status: task.status,
    overdue: taskOverdue(task, now),
    submittedAt: task.submittedAt,
    submissionNote: task.submissionNote,
    verifiedAt: task.verifiedAt,
    rejectionReason: task.rejectionReason,
    evidence: evidence.filter((e) => e.taskId === task.id),
  }));
}

/** One incident for staff: everything, with the alert it came from, its tasks and its timeline. */
export async function getRiskIncident(db: Database, actor: Actor, incidentId: string, now = new Date()) {
  assertCan(actor, 'read:risk');
  if (!isUuid(incidentId)) throw notFound('Incident');
  const responsible = alias(users, 'responsible');
  const [row] = await db
    .select({
      incident: riskIncidents,
      partnerName: partners.legalName,
      responsibleName: responsible.displayName,
    })
    .from(riskIncidents)
    .innerJoin(partners, eq(partners.id, riskIncidents.partnerId))
    .innerJoin(responsible, eq(responsible.id, riskIncidents.responsibleId))
    .where(eq(riskIncidents.id, incidentId));
  if (!row) throw notFound('Incident');
  const alert = row.incident.alertId
    ? ((
        await db
          .select({
            id: riskAlerts.id,
            level: riskAlerts.level,
            status: riskAlerts.status,
            ruleNameZh: riskRules.nameZh,
            ruleNameEn: riskRules.nameEn,
            raisedAt: riskAlerts.raisedAt,
          })
          .from(riskAlerts)
          .innerJoin(riskRules, eq(riskRules.id, riskAlerts.ruleId))
          .where(eq(riskAlerts.id, row.incident.alertId))
      )[0] ?? null)
    : null;
  const timeline = await db
    .select({
      id: riskIncidentEvents.id,
      kind: riskIncidentEvents.kind,
      at: riskIncidentEvents.at,
      data: riskIncidentEvents.data,
      actorName: users.displayName,
    })
    .from(riskIncidentEvents)
    .leftJoin(users, eq(users.id, riskIncidentEvents.actorId))
    .where(eq(riskIncidentEvents.incidentId, incidentId))
    .orderBy(asc(riskIncidentEvents.id));
  return {
    incident: row.incident,
    partner: { id: row.incident.partnerId, legalName: row.partnerName },
    responsibleName: row.responsibleName,
    alert,
    tasks: await tasksOf(db, incidentId, false, now),
    timeline,
  };
}

/** The incident already opened from an alert, if any (for the alert page's link). */
export async function incidentForAlert(db: Database, actor: Actor, alertId: string) {
  assertCan(actor, 'read:risk');
  if (!isUuid(alertId)) return null;
  const [row] = await db
    .select({ id: riskIncidents.id, title: riskIncidents.title, status: riskIncidents.status })
    .from(riskIncidents)
    .where(eq(riskIncidents.alertId, alertId));
  return row ?? null;
}

function ownPartner(actor: Actor): string {
  assertCan(actor, 'read:risk-incidents:own');
  if (actor.type === 'partner' || actor.type === 'api_key') return actor.partnerId;
  throw new AppError('forbidden', 'Only partners read their own incidents here.', {
    messageKey: 'errors.forbidden',
  });
}

const hasPartnerTask = sql`exists (select 1 from risk_incident_tasks t where t.incident_id = risk_incidents.id and t.assignee = 'partner')`;

/**
 * A partner's incidents: its own, and only those with a task assigned to it (an incident without
 * one is the insurer's internal matter). Only what the partner needs: title, severity, state, dates
 * and its own tasks — never the handling plan, containment notes, root cause or internal tasks.
 */
export async function listPartnerIncidents(
  db: Database,
  actor: Actor,
  raw: { page?: number } = {},
  now = new Date(),
) {
  const partnerId = ownPartner(actor);
  const { page } = parse(z.object({ page: pageNumber().default(1) }), raw);
  const today = todayInChina(now);
  const rows = await db
    .select({
      id: riskIncidents.id,
      title: riskIncidents.title,
      severity: riskIncidents.severity,
      status: riskIncidents.status,
      openedAt: riskIncidents.openedAt,
      closedAt: riskIncidents.closedAt,
      openTasks: taskCount(" and t.assignee = 'partner' and t.status = 'open'"),
      overdueTasks:
        sql<number>`(select count(*) from risk_incident_tasks t where t.incident_id = risk_incidents.id and t.assignee = 'partner' and t.status <> 'verified' and t.due_date < ${today})`.mapWith(
          Number,
        ),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(riskIncidents)
    .where(and(eq(riskIncidents.partnerId, partnerId), hasPartnerTask))
    .orderBy(
      sql`case ${riskIncidents.status} when 'closed' then 1 else 0 end`,
      desc(riskIncidents.openedAt),
      asc(riskIncidents.id),
    )
    .limit(RISK_INCIDENTS_PAGE_SIZE)
    .offset((page - 1) * RISK_INCIDENTS_PAGE_SIZE);
  return {
    page,
    pageSize: RISK_INCIDENTS_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    incidents: rows.map(({ total: _t, ...r }) => r),
  };
}

/** One of the partner's incidents with its partner tasks; another partner's (or internal) is "not found". */
export async function getPartnerIncident(db: Database, actor: Actor, incidentId: string, now = new Date()) {
  const partnerId = ownPartner(actor);
  if (!isUuid(incidentId)) throw notFound('Incident');
  const [incident] = await db
    .select({
      id: riskIncidents.id,
      title: riskIncidents.title,
      severity: riskIncidents.severity,
      status: riskIncidents.status,
      openedAt: riskIncidents.openedAt,
      closedAt: riskIncidents.closedAt,
    })
    .from(riskIncidents)
    .where(and(eq(riskIncidents.id, incidentId), eq(riskIncidents.partnerId, partnerId), hasPartnerTask));
  if (!incident) throw notFound('Incident');
  const tasks = (await tasksOf(db, incidentId, true, now)).map(
    ({ assigneeId: _i, assigneeName: _n, ...t }) => t,
  );
  return { incident, tasks };
}

/** A partner's remediation tasks not yet verified, for its next steps and the API. */
export async function partnerRemediationTasks(db: Database, actor: Actor, now = new Date()) {
  const partnerId = ownPartner(actor);
  const rows = await db
    .select({
      id: riskIncidentTasks.id,
      incidentId: riskIncidentTasks.incidentId,
      incidentTitle: riskIncidents.title,
      description: riskIncidentTasks.description,
      dueDate: riskIncidentTasks.dueDate,
      status: riskIncidentTasks.status,
      rejectionReason: riskIncidentTasks.rejectionReason,
    })
    .from(riskIncidentTasks)
    .innerJoin(riskIncidents, eq(riskIncidents.id, riskIncidentTasks.incidentId))
    .where(
      and(
        eq(riskIncidentTasks.partnerId, partnerId),
        eq(riskIncidentTasks.assignee, 'partner'),
        ne(riskIncidentTasks.status, 'verified'),
      ),
    )
    .orderBy(asc(riskIncidentTasks.dueDate), asc(riskIncidentTasks.id));
  return rows.map((r) => ({ ...r, overdue: taskOverdue(r, now) }));
}

/**
 * What the incident forms offer: partners, the staff who can be responsible or do an internal
 * task, and the emergency plans in use.
 */
export async function incidentFormChoices(db: Database, actor: Actor) {
  assertCan(actor, 'read:risk');
  const [partnerRows, staff, plans] = await Promise.all([
    db
      .select({ id: partners.id, legalName: partners.legalName })
      .from(partners)
      .where(inArray(partners.status, ['active', 'suspended']))
      .orderBy(asc(partners.legalName)),
    db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
      .orderBy(asc(users.displayName)),
    db
      .select({
        id: riskEmergencyPlans.id,
        titleZh: riskEmergencyPlans.titleZh,
        titleEn: riskEmergencyPlans.titleEn,
        scenario: riskEmergencyPlans.scenario,
        version: riskEmergencyPlans.version,
      })
      .from(riskEmergencyPlans)
      .where(eq(riskEmergencyPlans.active, true))
      .orderBy(asc(riskEmergencyPlans.scenario), asc(riskEmergencyPlans.titleZh)),
  ]);
  return { partners: partnerRows, staff, plans };
}
