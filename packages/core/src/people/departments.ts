import { type Database, type Department, departments, users } from '@outpost/db';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { rowId, shortText } from '../fields.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';

/**
 * Departments (decision record 042): every member of staff belongs to one. Later capabilities
 * (ownership of alerts, contracts, incidents…) read them through `departmentOf` and
 * `staffInDepartment`. The migration seeds the usual ones; administrators rename, add and retire.
 */
export type { Department };

/** Every department, in the administrators' order; retired ones only when asked for. */
export async function listDepartments(
  db: Database,
  options: { includeRetired?: boolean } = {},
): Promise<(Department & { members: number })[]> {
  const rows = await db
    .select({
      department: departments,
      members: sql<number>`(select count(*)::int from ${users} where ${users.departmentId} = ${departments.id} and ${users.status} = 'active')`,
    })
    .from(departments)
    .where(options.includeRetired ? undefined : eq(departments.active, true))
    .orderBy(asc(departments.sortOrder), asc(departments.key));
  return rows.map((r) => ({ ...r.department, members: Number(r.members) }));
}

/** The department a member of staff belongs to (null when none is set). */
export async function departmentOf(db: Database, userId: string): Promise<Department | null> {
  const [row] = await db
    .select({ department: departments })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId));
  return row?.department ?? null;
}

/** The active staff of a department (by key: 'legal', 'risk'…), for capabilities that route work by ownership. */
export async function staffInDepartment(db: Database, key: string) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      staffRoles: users.staffRoles,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(departments.key, key), eq(users.status, 'active'), eq(users.kind, 'staff')))
    .orderBy(asc(users.displayName));
}

/** A department that can be chosen (exists and is not retired), or a field error on `field`. */
export async function assertUsableDepartment(db: Database, departmentId: string, field = 'departmentId') {
  const [department] = await db.select().from(departments).where(eq(departments.id, departmentId));
  if (!department?.active) {
    throw new AppError('validation_failed', 'Choose one of the active departments.', {
      messageKey: 'people.error.departmentUnknown',
      details: {
        fields: [{ path: field, message: 'Choose one of the active departments.', code: 'choose_one' }],
      },
    });
  }
  return department;
}

export const departmentInput = z.object({
  key: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9_]{1,39}$/,
      'Use 2 to 40 lower-case letters, digits or underscores, starting with a letter.',
    ),
  nameZh: shortText(60).pipe(z.string().min(1, 'Enter the Chinese name.')),
  nameEn: shortText(60).pipe(z.string().min(1, 'Enter the English name.')),
  sortOrder: z.coerce.number().int().min(0).max(10_000).default(100),
});

/** Administrators add a department. */
export async function createDepartment(db: Database, actor: Actor, raw: z.input<typeof departmentInput>) {
  assertCan(actor, 'manage:users');
  const input = parse(departmentInput, raw);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.key, input.key));
    if (taken) {
      throw new AppError('conflict', 'A department with this key already exists.', {
        messageKey: 'people.error.departmentKeyTaken',
        details: { field: 'key' },
      });
    }
    const [department] = await tx.insert(departments).values(input).returning();
    await audit(tx, actor, {
      action: 'department.created',
      entityType: 'department',
      entityId: department!.id,
      data: { after: input },
    });
    return department!;
  });
}

export const updateDepartmentInput = z.object({
  departmentId: rowId(),
  nameZh: shortText(60).pipe(z.string().min(1, 'Enter the Chinese name.')),
  nameEn: shortText(60).pipe(z.string().min(1, 'Enter the English name.')),
  sortOrder: z.coerce.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
});

/** Administrators rename, reorder, retire or bring back a department; retiring one with active members is refused. */
export async function updateDepartment(
  db: Database,
  actor: Actor,
  raw: z.input<typeof updateDepartmentInput>,
) {
  assertCan(actor, 'manage:users');
  const input = parse(updateDepartmentInput, raw);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(departments)
      .where(eq(departments.id, input.departmentId))
      .for('update');
    if (!before) throw new AppError('not_found', 'Department not found.', { messageKey: 'errors.not_found' });
    const after = {
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      sortOrder: input.sortOrder ?? before.sortOrder,
      active: input.active ?? before.active,
    };
    if (before.active && !after.active) {
      const [members] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.departmentId, before.id), eq(users.status, 'active')));
      if ((members?.n ?? 0) > 0) {
        throw new AppError(
          'conflict',
          'Move the department’s people to another department before retiring it.',
          {
            messageKey: 'people.error.departmentHasMembers',
            details: { members: members?.n ?? 0 },
          },
        );
      }
    }
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return before;
    const [department] = await tx
      .update(departments)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(departments.id, before.id))
      .returning();
    await audit(tx, actor, {
      action: 'department.updated',
      entityType: 'department',
      entityId: before.id,
      data: {
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
    });
    return department!;
  });
}
