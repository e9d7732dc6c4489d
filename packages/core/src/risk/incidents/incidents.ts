import {
  type Database,
  partners,
  type RiskIncident,
  riskAlerts,
  riskIncidents,
  riskIncidentTasks,
  riskLevels,
  users,
} from '@outpost/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { postgresErrorOf } from '../../database-errors.ts';
import { AppError, notFound } from '../../errors.ts';
import { notify } from '../../notifications.ts';
import { assertCan } from '../../permissions.ts';
import { isUuid, parse } from '../../validation.ts';
import { recordAlertEvent } from '../timeline.ts';
import { planCopy } from './plans.ts';
import { recordIncidentEvent } from './timeline.ts';

/** The Slack channel incidents are announced in (SLACK_RISK_INCIDENTS_CHANNEL). */
export const RISK_INCIDENTS_CHANNEL = 'channel:risk-incidents';

const count = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000_000) {
      ctx.addIssue({ code: 'custom', message: 'Use a whole number of 0 or more.' });
      return z.NEVER;
    }
    return n;
  });
const text = (max: number) => z.string().trim().max(max).default('');

const detailsShape = {
  title: z
    .string({ message: 'Give the incident a title.' })
    .trim()
    .min(1, 'Give the incident a title.')
    .max(200),
  severity: z.enum(riskLevels, { message: 'Choose a severity.' }),
  description: text(10_000),
  affectedScope: text(4000),
  affectedCustomers: count,
  affectedPolicies: count,
  affectedSystems: count,
  containment: text(10_000),
  handlingPlan: text(10_000),
  responsibleId: z.string({ message: 'Choose who is responsible.' }),
};

export const openIncidentInput = z.strictObject({
  ...detailsShape,
  /** Opened from an alert: the partner is the alert's. */
  alertId: z.string().optional(),
  /** Opened directly: the partner concerned. */
  partnerId: z.string().optional(),
  planId: z.string().optional(),
});
export type OpenIncidentInput = z.input<typeof openIncidentInput>;

export const updateIncidentInput = z.strictObject({ incidentId: z.string(), ...detailsShape });
export type UpdateIncidentInput = z.input<typeof updateIncidentInput>;

const fieldError = (path: string, message: string, messageKey?: string) =>
  new AppError('validation_failed', message, {
    ...(messageKey ? { messageKey } : {}),
    details: { fields: [{ path, code: 'invalid', message }] },
  });

function staffOnly(actor: Actor): string {
  assertCan(actor, 'manage:risk-incidents');
  if (actor.type !== 'staff')
    throw new AppError('forbidden', 'Only staff run incidents.', { messageKey: 'errors.forbidden' });
  return actor.userId;
}

async function responsible(tx: Database, id: string) {
  const [person] = isUuid(id)
    ? await tx
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(and(eq(users.id, id), eq(users.kind, 'staff'), eq(users.status, 'active')))
    : [];
  if (!person) throw fieldError('responsibleId', 'Choose a staff member as the responsible person.');
  return person;
}

/**
 * Opens an incident, from an alert (which it links; the partner is the alert's) or directly for a
 * partner. Opening again from the same alert — a retry, a double click — returns the incident
 * already opened from it, never a second one. A chosen emergency plan is copied into the incident.
 */
export async function openRiskIncident(db: Database, actor: Actor, raw: OpenIncidentInput, now = new Date()) {
  const userId = staffOnly(actor);
  const input = parse(openIncidentInput, raw);
  const alertId = input.alertId || undefined;
  if (alertId) {
    const existing = await incidentOfAlert(db, alertId);
    if (existing) return { incident: existing, existing: true as const };
  }
  try {
    return await db.transaction(async (tx) => {
      let partnerId: string;
      if (alertId) {
        const [alert] = isUuid(alertId)
          ? await tx.select().from(riskAlerts).where(eq(riskAlerts.id, alertId))
          : [];
        if (!alert) throw notFound('Alert');
        partnerId = alert.partnerId;
      } else {
        const [partner] =
          input.partnerId && isUuid(input.partnerId)
            ? await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId))
            : [];
        if (!partner) throw fieldError('partnerId', 'Choose the partner concerned.');
        partnerId = partner.id;
      }
      const person = await responsible(tx, input.responsibleId);
      const plan = input.planId ? await planCopy(tx, input.planId) : null;
      const { alertId: _a, partnerId: _p, planId: _pl, ...details } = input;
      const [incident] = (await tx
        .insert(riskIncidents)
        .values({
          ...details,
          responsibleId: person.id,
          partnerId,
          alertId: alertId ?? null,
          plan,
          openedBy: userId,
          openedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning()) as [RiskIncident];
      await recordIncidentEvent(tx, actor, incident, 'opened', now, {
        title: incident.title,
        severity: incident.severity,
        alertId: incident.alertId,
        responsibleId: person.id,
        responsibleName: person.displayName,
        plan: plan ? { planId: plan.planId, version: plan.version } : null,
      });
      if (alertId) {
        await recordAlertEvent(tx, actor, { id: alertId, partnerId }, 'incident_opened', now, {
          incidentId: incident.id,
          title: incident.title,
        });
      }
      await announce(tx, actor, incident, 'notify.risk_incident_opened', person.id);
      return { incident, existing: false as const };
    });
  } catch (error) {
    // Two openings from one alert at once: the unique index lets one through; the other gets it.
    const pg = postgresErrorOf(error);
    if (alertId && pg?.code === '23505') {
      const existing = await incidentOfAlert(db, alertId);
      if (existing) return { incident: existing, existing: true as const };
    }
    throw error;
  }
}

async function incidentOfAlert(db: Database, alertId: string) {
  if (!isUuid(alertId)) return undefined;
  const [row] = await db.select().from(riskIncidents).where(eq(riskIncidents.alertId, alertId));
  return row;
}

/** The channel post and the responsible person's inbox copy (both through the outbox). */
async function announce(
  tx: Database,
  actor: Actor,
  incident: RiskIncident,
  template: 'notify.risk_incident_opened' | 'notify.risk_incident_contained' | 'notify.risk_incident_closed',
  responsibleId: string,
) {
  const [partner] = await tx
    .select({ legalName: partners.legalName })
    .from(partners)
    .where(eq(partners.id, incident.partnerId));
  await notify(tx, {
    userIds: [responsibleId],
    actor,
    template,
    params: {
      title: incident.title.slice(0, 120),
      partner: partner?.legalName ?? '',
      severity: incident.severity,
    },
    link: `/s/risk/incidents/${incident.id}`,
    slackChannel: RISK_INCIDENTS_CHANNEL,
  });
}

/** Locks an incident for a change (staff only). */
export async function lockIncident(tx: Database, incidentId: string) {
  if (!isUuid(incidentId)) throw notFound('Incident');
  const [row] = await tx.select().from(riskIncidents).where(eq(riskIncidents.id, incidentId)).for('update');
  if (!row) throw notFound('Incident');
  return row;
}

const closedError = () =>
  new AppError('conflict', 'This incident is closed; nothing about it can change.', {
    messageKey: 'risk.incident.error.closed',
  });

/** Edits what is known about an incident while it is not closed; every change is on its timeline. */
export async function updateRiskIncident(
  db: Database,
  actor: Actor,
  raw: UpdateIncidentInput,
  now = new Date(),
) {
  staffOnly(actor);
  const { incidentId, ...input } = parse(updateIncidentInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockIncident(tx, incidentId);
    if (before.status === 'closed') throw closedError();
    const person = await responsible(tx, input.responsibleId);
    const changed = Object.entries(input).filter(([k, v]) => (before as Record<string, unknown>)[k] !== v);
    if (changed.length === 0) return before;
    const [row] = (await tx
      .update(riskIncidents)
      .set({ ...input, responsibleId: person.id, updatedAt: now })
      .where(eq(riskIncidents.id, incidentId))
      .returning()) as [RiskIncident];
    await recordIncidentEvent(tx, actor, row, 'updated', now, {
      changed: Object.fromEntries(
        changed.map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k], to: v }]),
      ),
      ...(before.responsibleId !== person.id ? { responsibleName: person.displayName } : {}),
    });
    return row;
  });
}

/** Open → contained: the harm is stopped; remediation and the root cause follow. */
export async function containRiskIncident(
  db: Database,
  actor: Actor,
  raw: { incidentId: string; note?: string },
  now = new Date(),
) {
  const userId = staffOnly(actor);
  const input = parse(z.strictObject({ incidentId: z.string(), note: text(4000) }), raw);
  return db.transaction(async (tx) => {
    const before = await lockIncident(tx, input.incidentId);
    if (before.status !== 'open') {
      throw new AppError(
        'conflict',
        `Only an open incident can be contained; this one is ${before.status}.`,
        {
          messageKey: 'risk.incident.error.notOpen',
          details: { state: before.status },
        },
      );
    }
    const [row] = (await tx
      .update(riskIncidents)
      .set({ status: 'contained', containedAt: now, containedBy: userId, updatedAt: now })
      .where(eq(riskIncidents.id, input.incidentId))
      .returning()) as [RiskIncident];
    await recordIncidentEvent(tx, actor, row, 'contained', now, input.note ? { note: input.note } : {});
    await announce(tx, actor, row, 'notify.risk_incident_contained', row.responsibleId);
    return row;
  });
}

export const closeIncidentInput = z.strictObject({
  incidentId: z.string(),
  rootCause: z
    .string({ message: 'Write the root cause.' })
    .trim()
    .min(1, 'Write the root cause.')
    .max(10_000),
  lessonsLearned: z
    .string({ message: 'Write the lessons learned.' })
    .trim()
    .min(1, 'Write the lessons learned.')
    .max(10_000),
});

/**
 * Contained → closed. Needs the root cause, the lessons learned and every remediation task
 * verified; otherwise a 4xx saying which (nothing changes).
 */
export async function closeRiskIncident(
  db: Database,
  actor: Actor,
  raw: z.input<typeof closeIncidentInput>,
  now = new Date(),
) {
  const userId = staffOnly(actor);
  const input = parse(closeIncidentInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockIncident(tx, input.incidentId);
    if (before.status === 'closed') throw closedError();
    if (before.status !== 'contained') {
      throw new AppError('conflict', 'Contain the incident before closing it.', {
        messageKey: 'risk.incident.error.notContained',
        details: { state: before.status },
      });
    }
    const [pending] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(riskIncidentTasks)
      .where(and(eq(riskIncidentTasks.incidentId, before.id), ne(riskIncidentTasks.status, 'verified')));
    if ((pending?.n ?? 0) > 0) {
      throw new AppError('conflict', `${pending!.n} remediation task(s) are not verified yet.`, {
        messageKey: 'risk.incident.error.tasksUnverified',
        details: { count: pending!.n },
      });
    }
    const [row] = (await tx
      .update(riskIncidents)
      .set({
        status: 'closed',
        closedAt: now,
        closedBy: userId,
        rootCause: input.rootCause,
        lessonsLearned: input.lessonsLearned,
        updatedAt: now,
      })
      .where(eq(riskIncidents.id, before.id))
      .returning()) as [RiskIncident];
    await recordIncidentEvent(tx, actor, row, 'closed', now, {
      rootCause: input.rootCause,
      lessonsLearned: input.lessonsLearned,
    });
    await announce(tx, actor, row, 'notify.risk_incident_closed', row.responsibleId);
    return row;
  });
}
