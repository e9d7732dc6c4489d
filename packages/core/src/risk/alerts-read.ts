import {
  type Database,
  partners,
  riskAlertEvents,
  riskAlerts,
  riskLevels,
  riskAlertStatuses,
  riskRules,
  users,
} from '@outpost/db';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { pageNumber } from '../fields.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { ownershipConditions, ownershipFilterInput } from '../ownership/ownership.ts';

export const RISK_ALERTS_PAGE_SIZE = 25;
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export const alertListInput = z.object({
  level: z.enum(riskLevels).optional(),
  /** `live` (open or acknowledged, the default) or one status. */
  status: z.enum([...riskAlertStatuses, 'live', 'all']).default('live'),
  partnerId: z.uuid().optional(),
  overdue: z.boolean().default(false),
  /** Only the alerts this staff member owns. */
  mine: z.boolean().default(false),
  q: z.string().trim().max(200).optional(),
  /** Decision record 050: the owning department and the responsible person. */
  ...ownershipFilterInput,
  page: pageNumber().default(1),
});
export type AlertListInput = z.input<typeof alertListInput>;

/**
 * The alert inbox for staff: open ones first, then acknowledged, then closed; within each the
 * nearest deadline first. Overdue means still open (nobody acknowledged it) past its deadline.
 * Partners cannot read alerts yet (sharing with the partner is a follow-up of issue 12).
 */
export async function listRiskAlerts(db: Database, actor: Actor, raw: AlertListInput = {}, now = new Date()) {
  assertCan(actor, 'read:risk');
  const input = parse(alertListInput, raw);
  const where: SQL[] = [];
  if (input.level) where.push(eq(riskAlerts.level, input.level));
  if (input.status === 'live') where.push(inArray(riskAlerts.status, ['open', 'acknowledged']));
  else if (input.status !== 'all') where.push(eq(riskAlerts.status, input.status));
  if (input.partnerId) where.push(eq(riskAlerts.partnerId, input.partnerId));
  if (input.mine) where.push(eq(riskAlerts.ownerId, actor.type === 'staff' ? actor.userId : NO_ONE));
  where.push(...ownershipConditions('risk_alert', input));
  if (input.overdue) where.push(and(eq(riskAlerts.status, 'open'), lt(riskAlerts.responseDeadline, now))!);
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(ilike(partners.legalName, like), ilike(riskRules.nameZh, like), ilike(riskRules.nameEn, like))!,
    );
  }
  const owner = alias(users, 'owner');
  const statusOrder = sql`case ${riskAlerts.status} when 'open' then 0 when 'acknowledged' then 1 else 2 end`;
  const rows = await db
    .select({
      id: riskAlerts.id,
      partnerId: riskAlerts.partnerId,
      partnerName: partners.legalName,
      ruleNameZh: riskRules.nameZh,
      ruleNameEn: riskRules.nameEn,
      kind: riskRules.kind,
      level: riskAlerts.level,
      status: riskAlerts.status,
      raisedAt: riskAlerts.raisedAt,
      responseDeadline: riskAlerts.responseDeadline,
      ownerName: owner.displayName,
      ownerId: riskAlerts.ownerId,
      departmentId: riskAlerts.departmentId,
      clearedSince: riskAlerts.clearedSince,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(riskAlerts)
    .innerJoin(partners, eq(partners.id, riskAlerts.partnerId))
    .innerJoin(riskRules, eq(riskRules.id, riskAlerts.ruleId))
    .leftJoin(owner, eq(owner.id, riskAlerts.ownerId))
    .where(and(...where))
    .orderBy(statusOrder, asc(riskAlerts.responseDeadline), desc(riskAlerts.raisedAt), asc(riskAlerts.id))
    .limit(RISK_ALERTS_PAGE_SIZE)
    .offset((input.page - 1) * RISK_ALERTS_PAGE_SIZE);
  return {
    page: input.page,
    pageSize: RISK_ALERTS_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    alerts: rows.map(({ total: _total, ...r }) => ({
      ...r,
      overdue: r.status === 'open' && r.responseDeadline < now,
    })),
  };
}

/** One alert with its partner, the rule as raised, the evidence and the timeline. */
export async function getRiskAlert(db: Database, actor: Actor, alertId: string, now = new Date()) {
  assertCan(actor, 'read:risk');
  if (!isUuid(alertId)) throw notFound('Alert');
  const [alert] = await db.select().from(riskAlerts).where(eq(riskAlerts.id, alertId));
  if (!alert) throw notFound('Alert');
  const [partner] = await db
    .select({ id: partners.id, legalName: partners.legalName })
    .from(partners)
    .where(eq(partners.id, alert.partnerId));
  const people = await peopleByIds(db, [
    alert.ownerId,
    alert.acknowledgedBy,
    alert.resolvedBy,
    alert.dismissedBy,
  ]);
  const timeline = await db
    .select({
      id: riskAlertEvents.id,
      kind: riskAlertEvents.kind,
      at: riskAlertEvents.at,
      via: riskAlertEvents.via,
      data: riskAlertEvents.data,
      actorName: users.displayName,
    })
    .from(riskAlertEvents)
    .leftJoin(users, eq(users.id, riskAlertEvents.actorId))
    .where(eq(riskAlertEvents.alertId, alertId))
    .orderBy(asc(riskAlertEvents.id));
  const name = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    alert,
    partner: partner!,
    ownerName: name(alert.ownerId),
    acknowledgedByName: name(alert.acknowledgedBy),
    resolvedByName: name(alert.resolvedBy),
    dismissedByName: name(alert.dismissedBy),
    overdue: alert.status === 'open' && alert.responseDeadline < now,
    timeline,
  };
}

/** Who an alert can be assigned to: risk officers and administrators. */
export async function riskAlertOwners(db: Database, actor: Actor) {
  assertCan(actor, 'read:risk');
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.kind, 'staff'), sql`${users.staffRoles} && array['risk_officer', 'admin']::text[]`))
    .orderBy(asc(users.displayName));
}

async function peopleByIds(db: Database, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
