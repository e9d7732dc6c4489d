import {
  contracts,
  type Database,
  departments,
  partners,
  partnerRegions,
  rectificationItems,
  riskAlerts,
  users,
} from '@outpost/db';
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { rowId } from '../fields.ts';
import { assertUsableDepartment } from '../people/departments.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';

/**
 * Departments and responsible persons (issue 16, decision record 050): a partner, a contract, a
 * risk alert and a rectification item each have an owning department and a responsible person on
 * the insurer's side. The department defaults from the person's department; staff who may assign
 * ownership change either, audited with before and after.
 */
export const ownedEntities = ['partner', 'contract', 'risk_alert', 'rectification_item'] as const;
export type OwnedEntity = (typeof ownedEntities)[number];

/** Where each kind keeps its person and department (the person column predates this record). */
const tables = {
  partner: { table: partners, owner: partners.relationshipOwnerId, department: partners.departmentId },
  contract: { table: contracts, owner: contracts.ownerId, department: contracts.departmentId },
  risk_alert: { table: riskAlerts, owner: riskAlerts.ownerId, department: riskAlerts.departmentId },
  rectification_item: {
    table: rectificationItems,
    owner: rectificationItems.ownerId,
    department: rectificationItems.departmentId,
  },
} as const;

export const ownershipInput = z.strictObject({
  entity: z.enum(ownedEntities),
  id: z.string().max(100),
  /** Null clears the responsible person. */
  ownerId: rowId('Choose a member of staff.').nullable(),
  /** Absent or null: the responsible person's department (none when they have none). */
  departmentId: rowId('Choose one of the active departments.').nullable().optional(),
});
export type OwnershipInput = z.input<typeof ownershipInput>;

/** An active member of staff, or a field error on `ownerId`. */
async function activeStaff(db: Database, userId: string) {
  const [person] = await db
    .select({ id: users.id, departmentId: users.departmentId, staffRoles: users.staffRoles })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, 'staff'), eq(users.status, 'active')));
  if (!person) {
    throw new AppError('validation_failed', 'Choose an active member of staff.', {
      messageKey: 'ownership.error.owner',
      details: {
        fields: [{ path: 'ownerId', code: 'choose_one', message: 'Choose an active member of staff.' }],
      },
    });
  }
  return person;
}

/**
 * Sets the responsible person and the owning department of one record. A partner's people never
 * assign ownership (the permission is staff-only), so no partner can change another's records.
 * Setting what is already set changes nothing and writes no audit entry (a retried form).
 */
export async function setOwnership(db: Database, actor: Actor, raw: OwnershipInput) {
  assertCan(actor, 'assign:ownership');
  const input = parse(ownershipInput, raw);
  const spec = tables[input.entity];
  if (!isUuid(input.id)) throw notFound('Record');
  const owner = input.ownerId ? await activeStaff(db, input.ownerId) : null;
  // A partner's relationship owner and an alert's owner get its critical alerts and escalations
  // (decision record 034): only risk officers and administrators may be chosen, as before.
  if (
    owner &&
    (input.entity === 'partner' || input.entity === 'risk_alert') &&
    !owner.staffRoles.some((r) => r === 'risk_officer' || r === 'admin')
  ) {
    throw new AppError('validation_failed', 'Choose a risk officer or administrator.', {
      messageKey: 'ownership.error.riskOwner',
      details: {
        fields: [{ path: 'ownerId', code: 'choose_one', message: 'Choose a risk officer or administrator.' }],
      },
    });
  }
  let departmentId = input.departmentId ?? null;
  if (departmentId) await assertUsableDepartment(db, departmentId);
  else departmentId = owner?.departmentId ?? null;
  return db.transaction(async (tx) => {
    const idColumn = (spec.table as typeof partners).id as PgColumn;
    const [before] = await tx
      .select({ ownerId: spec.owner, departmentId: spec.department, partnerId: partnerColumn(input.entity) })
      .from(spec.table)
      .where(eq(idColumn, input.id))
      .for('update');
    if (!before) throw notFound('Record');
    const after = { ownerId: owner?.id ?? null, departmentId };
    if (before.ownerId === after.ownerId && before.departmentId === after.departmentId) return after;
    await writeOwnership(tx, input.entity, input.id, after);
    await audit(tx, actor, {
      action: `${input.entity}.ownership_changed`,
      entityType: input.entity,
      entityId: input.id,
      partnerId: before.partnerId,
      data: { before: { ownerId: before.ownerId, departmentId: before.departmentId }, after },
    });
    return after;
  });
}

async function writeOwnership(
  tx: Database,
  entity: OwnedEntity,
  id: string,
  value: { ownerId: string | null; departmentId: string | null },
) {
  const updatedAt = new Date();
  switch (entity) {
    case 'partner':
      await tx
        .update(partners)
        .set({ relationshipOwnerId: value.ownerId, departmentId: value.departmentId, updatedAt })
        .where(eq(partners.id, id));
      return;
    case 'contract':
      await tx
        .update(contracts)
        .set({ ...value, updatedAt })
        .where(eq(contracts.id, id));
      return;
    case 'risk_alert':
      await tx
        .update(riskAlerts)
        .set({ ...value, updatedAt })
        .where(eq(riskAlerts.id, id));
      return;
    case 'rectification_item':
      await tx
        .update(rectificationItems)
        .set({ ...value, updatedAt })
        .where(eq(rectificationItems.id, id));
      return;
  }
}

function partnerColumn(entity: OwnedEntity): PgColumn {
  switch (entity) {
    case 'partner':
      return partners.id;
    case 'contract':
      return contracts.partnerId;
    case 'risk_alert':
      return riskAlerts.partnerId;
    case 'rectification_item':
      return rectificationItems.partnerId;
  }
}

/** The list filters every owned list takes: by department and by responsible person. */
export const ownershipFilterInput = {
  departmentId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
};

/** The conditions for a list's department and person filters. */
export function ownershipConditions(
  entity: OwnedEntity,
  filter: { departmentId?: string | undefined; ownerId?: string | undefined },
): SQL[] {
  const spec = tables[entity];
  const where: SQL[] = [];
  if (filter.departmentId) where.push(eq(spec.department, filter.departmentId));
  if (filter.ownerId) where.push(eq(spec.owner, filter.ownerId));
  return where;
}

/** The department an alert or item raised for a partner starts with: the partner's. */
export async function partnerOwnership(db: Database, partnerId: string) {
  const [row] = await db
    .select({ ownerId: partners.relationshipOwnerId, departmentId: partners.departmentId })
    .from(partners)
    .where(eq(partners.id, partnerId));
  return row ?? { ownerId: null, departmentId: null };
}

/** Who may be chosen: active staff with their department, and the active departments. */
export async function ownershipChoices(db: Database, actor: Actor) {
  assertCan(actor, 'read:partner:any');
  const [people, depts] = await Promise.all([
    db
      .select({
        id: users.id,
        displayName: users.displayName,
        departmentId: users.departmentId,
        staffRoles: users.staffRoles,
      })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
      .orderBy(users.displayName),
    db
      .select({
        id: departments.id,
        key: departments.key,
        nameZh: departments.nameZh,
        nameEn: departments.nameEn,
      })
      .from(departments)
      .where(eq(departments.active, true))
      .orderBy(departments.sortOrder, departments.key),
  ]);
  return { people, departments: depts };
}

export const partnerRegionInput = z.strictObject({
  partnerId: z.string().max(100),
  region: z.enum(partnerRegions, { message: 'Choose one of the seven regions.' }).nullable(),
});

/** Records (or clears) the sales region a partner works in (decision record 046), audited. */
export async function setPartnerRegion(db: Database, actor: Actor, raw: z.input<typeof partnerRegionInput>) {
  assertCan(actor, 'manage:partner');
  const input = parse(partnerRegionInput, raw);
  if (!isUuid(input.partnerId)) throw notFound('Partner');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ region: partners.region })
      .from(partners)
      .where(eq(partners.id, input.partnerId))
      .for('update');
    if (!before) throw notFound('Partner');
    if (before.region === input.region) return { region: input.region };
    await tx
      .update(partners)
      .set({ region: input.region, updatedAt: new Date() })
      .where(eq(partners.id, input.partnerId));
    await audit(tx, actor, {
      action: 'partner.region_changed',
      entityType: 'partner',
      entityId: input.partnerId,
      partnerId: input.partnerId,
      data: { before: before.region, after: input.region },
    });
    return { region: input.region };
  });
}
