import {
  type Database,
  discontinuationImpacts,
  exitPossibilities,
  type PartnerRegister,
  partnerRegisters,
  partners,
  substitutabilities,
} from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { alternativeProvidersInput } from './arrangement-fields.ts';

/**
 * The partner-level register fields (decision record 052): substitutability and whether the
 * function could be brought back in-house, for a partner as a whole. Its arrangements inherit them
 * where their own record is silent; a partner without a contract in force has only these.
 */
export const partnerRegisterInput = z.strictObject({
  substitutability: z
    .enum(substitutabilities, { message: 'Choose easy, difficult or impossible.' })
    .optional(),
  exitPossibility: z
    .enum(exitPossibilities, { message: 'Choose how the service could be exited.' })
    .optional(),
  exitNotes: z.string().trim().max(2000).optional(),
  discontinuationImpact: z
    .enum(discontinuationImpacts, { message: 'Choose low, medium or high.' })
    .optional(),
  alternativeProviders: alternativeProvidersInput.optional(),
});
export type PartnerRegisterInput = z.input<typeof partnerRegisterInput>;

/** A partner's register fields ({} when none are recorded). Staff only. */
export async function partnerRegister(db: Database, actor: Actor, partnerId: string) {
  assertCan(actor, 'read:contract:any');
  if (!isUuid(partnerId)) throw notFound('Partner');
  const [row] = await db
    .select({ id: partners.id, legalName: partners.legalName, fields: partnerRegisters.fields })
    .from(partners)
    .leftJoin(partnerRegisters, eq(partnerRegisters.partnerId, partners.id))
    .where(eq(partners.id, partnerId));
  if (!row) throw notFound('Partner');
  return { partnerId: row.id, legalName: row.legalName, fields: row.fields ?? {} };
}

/** Sets a partner's register fields (all of them; one left out is cleared), audited in the same transaction. */
export async function updatePartnerRegister(
  db: Database,
  actor: Actor,
  partnerId: string,
  raw: PartnerRegisterInput,
) {
  assertCan(actor, 'manage:contract');
  const parsed = parse(partnerRegisterInput, raw);
  const next = Object.fromEntries(
    Object.entries(parsed).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)),
  ) as PartnerRegister;
  if (!isUuid(partnerId)) throw notFound('Partner');
  return db.transaction(async (tx) => {
    const [p] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.id, partnerId))
      .for('update');
    if (!p) throw notFound('Partner');
    const [row] = await tx
      .select({ fields: partnerRegisters.fields })
      .from(partnerRegisters)
      .where(eq(partnerRegisters.partnerId, partnerId));
    const before = row?.fields ?? {};
    const same = (r: object) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (same(before) === same(next)) return { changed: false, fields: before };
    const values = {
      fields: next,
      updatedBy: actor.type === 'staff' ? actor.userId : null,
      updatedAt: new Date(),
    };
    await tx
      .insert(partnerRegisters)
      .values({ partnerId, ...values })
      .onConflictDoUpdate({ target: partnerRegisters.partnerId, set: values });
    await audit(tx, actor, {
      action: 'register.partner_updated',
      entityType: 'partner',
      entityId: partnerId,
      partnerId,
      data: { before, after: next },
    });
    return { changed: true, fields: next };
  });
}
