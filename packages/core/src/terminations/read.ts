import {
  type Database,
  departments,
  partners,
  terminationCases,
  terminationStatuses,
  terminationTasks,
  users,
} from '@outpost/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { terminationApprovalState } from './approvals.ts';
import { handoversOfCase } from './handover.ts';
import { READ_ANY } from './shared.ts';

export const caseListInput = z.strictObject({
  status: z.enum(terminationStatuses).optional(),
  departmentId: z.uuid().optional(),
  responsibleId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
});

/** Staff's list of cases with their department and responsible person (issue 16 accountability), filterable by both. */
export async function listTerminationCases(
  db: Database,
  actor: Actor,
  raw: z.input<typeof caseListInput> = {},
) {
  assertCan(actor, READ_ANY);
  const input = parse(caseListInput, raw);
  const where: SQL[] = [];
  if (input.status) where.push(eq(terminationCases.status, input.status));
  if (input.departmentId) where.push(eq(terminationCases.departmentId, input.departmentId));
  if (input.responsibleId) where.push(eq(terminationCases.responsibleId, input.responsibleId));
  if (input.partnerId) where.push(eq(terminationCases.partnerId, input.partnerId));
  return db
    .select({
      id: terminationCases.id,
      partnerId: terminationCases.partnerId,
      partnerName: partners.legalName,
      type: terminationCases.type,
      source: terminationCases.source,
      status: terminationCases.status,
      effectiveDate: terminationCases.effectiveDate,
      departmentId: terminationCases.departmentId,
      departmentZh: departments.nameZh,
      departmentEn: departments.nameEn,
      responsibleId: terminationCases.responsibleId,
      responsibleName: users.displayName,
      successorName: sql<
        string | null
      >`(select s.legal_name from partners s where s.id = ${terminationCases.successorPartnerId})`,
      createdAt: terminationCases.createdAt,
    })
    .from(terminationCases)
    .innerJoin(partners, eq(partners.id, terminationCases.partnerId))
    .leftJoin(departments, eq(departments.id, terminationCases.departmentId))
    .leftJoin(users, eq(users.id, terminationCases.responsibleId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(terminationCases.createdAt))
    .limit(500);
}

/** One case for staff: the case, its checklist, the approvals and the successor's name. */
export async function getTerminationCase(db: Database, actor: Actor, caseId: string) {
  assertCan(actor, READ_ANY);
  if (!isUuid(caseId)) throw notFound('Termination case');
  const rows = await listRow(db, caseId);
  const row = rows[0];
  if (!row) throw notFound('Termination case');
  const tasks = await db
    .select()
    .from(terminationTasks)
    .where(eq(terminationTasks.caseId, caseId))
    .orderBy(asc(terminationTasks.dueDate), asc(terminationTasks.key));
  return {
    ...row.case,
    partnerName: row.partnerName,
    successorName: row.successorName,
    responsibleName: row.responsibleName,
    departmentZh: row.departmentZh,
    departmentEn: row.departmentEn,
    tasks: tasks.map(({ certificateStorageKey: _k, ...t }) => ({ ...t, hasCertificate: _k !== null })),
    approval: await terminationApprovalState(db, actor, caseId),
    /** The open service cases moved to the successor (what the hand-over moved, once each). */
    handovers: await handoversOfCase(db, caseId),
  };
}

async function listRow(db: Database, caseId: string) {
  const [row] = await db.select().from(terminationCases).where(eq(terminationCases.id, caseId));
  if (!row) return [];
  const name = async (id: string | null) =>
    id
      ? ((await db.select({ n: partners.legalName }).from(partners).where(eq(partners.id, id)))[0]?.n ?? null)
      : null;
  const [person] = row.responsibleId
    ? await db.select({ n: users.displayName }).from(users).where(eq(users.id, row.responsibleId))
    : [];
  const [department] = row.departmentId
    ? await db.select().from(departments).where(eq(departments.id, row.departmentId))
    : [];
  return [
    {
      case: row,
      partnerName: (await name(row.partnerId)) ?? '',
      successorName: await name(row.successorPartnerId),
      responsibleName: person?.n ?? null,
      departmentZh: department?.nameZh ?? null,
      departmentEn: department?.nameEn ?? null,
    },
  ];
}

/**
 * The partner's own latest case and its partner tasks (never the approvers, their votes or the
 * internal tasks). Scoped by the actor's partner id: there is no way to name another's.
 */
export async function ownTermination(db: Database, actor: Actor) {
  if (actor.type !== 'partner') throw new AppError('forbidden', 'Only partner people read this.');
  assertCan(actor, 'read:partner:own');
  const [row] = await db
    .select()
    .from(terminationCases)
    .where(eq(terminationCases.partnerId, actor.partnerId))
    .orderBy(desc(terminationCases.createdAt))
    .limit(1);
  if (!row) return null;
  const tasks = await db
    .select()
    .from(terminationTasks)
    .where(and(eq(terminationTasks.caseId, row.id), eq(terminationTasks.side, 'partner')))
    .orderBy(asc(terminationTasks.dueDate));
  return {
    id: row.id,
    status: row.status,
    type: row.type,
    reason: row.reason,
    effectiveDate: row.effectiveDate,
    tasks: tasks.map(({ certificateStorageKey: k, ...t }) => ({ ...t, hasCertificate: k !== null })),
  };
}

/**
 * What the list's filters and the opening form choose from: active departments, active staff,
 * partners a case can be opened for (active or suspended) and the recorded review recommendations.
 */
export async function terminationFormOptions(db: Database, actor: Actor) {
  assertCan(actor, READ_ANY);
  const [dept, staff, open] = await Promise.all([
    db.select().from(departments).where(eq(departments.active, true)).orderBy(asc(departments.sortOrder)),
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
      .orderBy(asc(users.displayName)),
    db
      .select({ id: partners.id, name: partners.legalName, status: partners.status })
      .from(partners)
      .where(inArray(partners.status, ['active', 'suspended']))
      .orderBy(asc(partners.legalName)),
  ]);
  return {
    departments: dept.map((d) => ({ id: d.id, nameZh: d.nameZh, nameEn: d.nameEn })),
    staff,
    partners: open,
  };
}
