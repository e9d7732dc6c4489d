import { type Database, type Partner, criticalities, partners, serviceCategories } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { notFound } from './errors.ts';
import { emailAddress } from './fields.ts';
import { assertCan } from './permissions.ts';
import { isUuid, parse } from './validation.ts';

/** Optional text: an empty string clears the field. */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable();

/** The profile and contact fields staff may correct. The credit code is the partner's identity: it does not change here. */
export const updatePartnerInput = z
  .object({
    legalName: z.string().trim().min(2, 'Enter the legal name (at least 2 characters).').max(200),
    registeredAddress: clearable(500),
    parentCompany: clearable(200),
    lei: clearable(20),
    contactEmail: z
      .union([z.literal('').transform(() => null), emailAddress(), z.null()])
      .describe('Contact e-mail, or empty to clear it'),
    serviceCategories: z.array(z.enum(serviceCategories)).min(1, 'Choose at least one service category.'),
    criticality: z.enum(criticalities),
    criticalityReason: clearable(2000),
    handlesPersonalData: z.boolean(),
  })
  .partial()
  .strict();
export type UpdatePartnerInput = z.input<typeof updatePartnerInput>;

const fieldNames = [
  'legalName',
  'registeredAddress',
  'parentCompany',
  'lei',
  'contactEmail',
  'serviceCategories',
  'criticality',
  'criticalityReason',
  'handlesPersonalData',
] as const;

/**
 * Staff correct a partner's profile or contacts. Only the fields sent change; the audit
 * entry records each change as from → to, so the partner's history shows it.
 */
export async function updatePartner(
  db: Database,
  actor: Actor,
  partnerId: string,
  raw: UpdatePartnerInput,
): Promise<Partner> {
  assertCan(actor, 'manage:partner');
  const input = parse(updatePartnerInput, raw);
  if (!isUuid(partnerId)) throw notFound('Partner');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for('update');
    if (!before) throw notFound('Partner');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<typeof partners.$inferInsert> = {};
    for (const field of fieldNames) {
      const value = input[field];
      if (value === undefined) continue;
      if (JSON.stringify(before[field]) === JSON.stringify(value)) continue;
      changes[field] = { from: before[field], to: value };
      Object.assign(set, { [field]: value });
    }
    if (set.criticality !== undefined || set.criticalityReason !== undefined) {
      set.criticalityAssessedAt = new Date();
    }
    if (Object.keys(changes).length === 0) return before;
    const [updated] = await tx
      .update(partners)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(partners.id, partnerId))
      .returning();
    await audit(tx, actor, {
      action: 'partner.updated',
      entityType: 'partner',
      entityId: partnerId,
      partnerId,
      data: { changes },
    });
    return updated!;
  });
}
