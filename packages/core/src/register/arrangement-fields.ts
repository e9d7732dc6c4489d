import {
  type ContractRegister,
  contracts,
  type Database,
  discontinuationImpacts,
  riskAssessmentResults,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';

/**
 * The register fields kept from the register page (decision record 052), on the same
 * `contracts.register` record as decision 039's: the contract's register form does not send them,
 * so saving that form keeps them, and saving this one keeps the form's.
 */
export const registerPageFields = [
  'riskAssessedOn',
  'riskAssessmentResult',
  'lastAuditOn',
  'nextAuditOn',
  'discontinuationImpact',
  'alternativeProviders',
  'timeCritical',
  'rtoHours',
  'rpoHours',
  'regulatorNotifiedOn',
] as const satisfies readonly (keyof ContractRegister)[];

export function keptOnRegisterPage(r: ContractRegister): ContractRegister {
  const out: Record<string, unknown> = {};
  for (const k of registerPageFields) if (r[k] !== undefined) out[k] = r[k];
  return out as ContractRegister;
}

const pastDate = (what: string) =>
  z.iso
    .date(`Enter ${what} as YYYY-MM-DD.`)
    .refine((d) => d <= todayInChina(), `${what[0]!.toUpperCase()}${what.slice(1)} cannot be in the future.`);
const hours = z
  .number({ message: 'Enter a number of hours.' })
  .int('Use whole hours.')
  .min(0, 'Use 0 or more hours.')
  .max(8760, 'At most a year (8,760 hours).');

/** Alternative providers: names, one per entry, none blank. */
export const alternativeProvidersInput = z
  .array(z.string().trim().min(1, 'Name each alternative provider.').max(200))
  .max(20, 'At most 20 alternative providers.');

/** What staff may set on an arrangement from the register page; a field left out is cleared. */
export const arrangementRegisterInput = z
  .strictObject({
    riskAssessedOn: pastDate('the risk assessment date').optional(),
    riskAssessmentResult: z
      .enum(riskAssessmentResults, { message: 'Choose low, medium or high.' })
      .optional(),
    lastAuditOn: pastDate('the last audit date').optional(),
    nextAuditOn: z.iso.date('Enter the next audit date as YYYY-MM-DD.').optional(),
    discontinuationImpact: z
      .enum(discontinuationImpacts, { message: 'Choose low, medium or high.' })
      .optional(),
    alternativeProviders: alternativeProvidersInput.optional(),
    timeCritical: z.boolean({ message: 'Answer yes or no.' }).optional(),
    rtoHours: hours.optional(),
    rpoHours: hours.optional(),
    regulatorNotifiedOn: pastDate('the notification date').optional(),
  })
  .refine((r) => !r.lastAuditOn || !r.nextAuditOn || r.nextAuditOn > r.lastAuditOn, {
    path: ['nextAuditOn'],
    message: 'The next audit comes after the last one.',
  });
export type ArrangementRegisterInput = z.input<typeof arrangementRegisterInput>;

function normalise(input: z.output<typeof arrangementRegisterInput>): ContractRegister {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as ContractRegister;
}

const sorted = (r: object) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Sets an arrangement's register-page fields (all of them: one left out is cleared), keeping the
 * contract form's. A field of the wrong type is refused with a 422 naming it, before anything is
 * read; the change is audited with before and after in the same transaction; the same record
 * sent twice changes nothing the second time.
 */
export async function updateArrangementRegister(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: ArrangementRegisterInput,
) {
  assertCan(actor, 'manage:contract');
  const mine = normalise(parse(arrangementRegisterInput, raw));
  if (!isUuid(contractId)) throw notFound('Arrangement');
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ partnerId: contracts.partnerId, register: contracts.register })
      .from(contracts)
      .where(eq(contracts.id, contractId))
      .for('update');
    if (!current) throw notFound('Arrangement');
    const before = current.register ?? {};
    const kept = Object.fromEntries(
      Object.entries(before).filter(([k]) => !(registerPageFields as readonly string[]).includes(k)),
    );
    const next = { ...kept, ...mine } as ContractRegister;
    if (sorted(before) === sorted(next)) return { changed: false, register: before };
    await tx
      .update(contracts)
      .set({ register: next, updatedAt: new Date() })
      .where(eq(contracts.id, contractId));
    await audit(tx, actor, {
      action: 'register.arrangement_updated',
      entityType: 'contract',
      entityId: contractId,
      partnerId: current.partnerId,
      data: { before: keptOnRegisterPage(before), after: mine },
    });
    return { changed: true, register: next };
  });
}
