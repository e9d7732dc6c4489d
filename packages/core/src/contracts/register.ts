import {
  type ContractRegister,
  contracts,
  contractVersions,
  type Database,
  exitPossibilities,
  partners,
  personalDataKinds,
  substitutabilities,
} from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { keptOnRegisterPage } from '../register/arrangement-fields.ts';
import { registerEntry } from '../register/arrangements.ts';
import { currentTermEnd } from './expiry.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes ICU names that are not countries (unknown region, EU, eurozone, UN, outlying Oceania). */
const notCountries = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);
function knownRegion(code: string) {
  try {
    return /^[A-Z]{2}$/.test(code) && !notCountries.has(code) && regionNames.of(code) !== code;
  } catch {
    return false;
  }
}
/** An ISO 3166-1 alpha-2 code ICU knows (CN, HK, SG…); upper-cased first. */
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code (e.g. CN).')
  .refine(knownRegion, 'Unknown country code; use ISO 3166 (e.g. CN, HK, SG).');
const countries = z.array(country).max(50, 'At most 50 countries.');
const text = (max: number) => z.string().trim().max(max);

/** What staff may set on a contract's register record; a field left out (or empty) is cleared. */
export const contractRegisterInput = z
  .strictObject({
    functionDescription: text(2000).optional(),
    dataDescription: text(2000).optional(),
    personalData: z.boolean().optional(),
    personalDataKinds: z
      .array(z.enum(personalDataKinds, { message: 'Choose kinds of personal data from the list.' }))
      .max(personalDataKinds.length)
      .optional(),
    serviceCountries: countries.optional(),
    dataCountries: countries.optional(),
    criticalityReason: text(2000).optional(),
    criticalityAssessedOn: z.iso.date('Enter the assessment date as YYYY-MM-DD.').optional(),
    partnerNoticeDays: z.number().int('Use whole days.').min(0, 'Use 0 or more days.').max(3650).optional(),
    subcontractors: z
      .array(
        z.strictObject({
          name: text(200).min(1, 'Enter the sub-contractor’s name.'),
          country,
          function: text(500).min(1, 'Say what the sub-contractor does.'),
        }),
      )
      .max(50, 'At most 50 sub-contractors.')
      .optional(),
    substitutability: z
      .enum(substitutabilities, { message: 'Choose easy, difficult or impossible.' })
      .optional(),
    exitPossibility: z
      .enum(exitPossibilities, { message: 'Choose how the service could be exited.' })
      .optional(),
    exitNotes: text(2000).optional(),
  })
  .refine((r) => !(r.personalDataKinds?.length && r.personalData === false), {
    path: ['personalDataKinds'],
    message: 'Kinds of personal data are only given when personal data is involved.',
  })
  .refine((r) => r.personalData !== true || (r.personalDataKinds?.length ?? 0) > 0, {
    path: ['personalDataKinds'],
    message: 'Choose at least one kind of personal data.',
  })
  .refine((r) => !r.criticalityAssessedOn || r.criticalityAssessedOn <= todayInChina(), {
    path: ['criticalityAssessedOn'],
    message: 'The assessment date cannot be in the future.',
  });

/**
 * The register fields this form keeps. Which of them an arrangement needs is decided by the
 * register's one rule set (`register/completeness.ts`, decision record 052), not here.
 */
const formFieldNames: readonly string[] = [
  'functionDescription',
  'dataDescription',
  'personalData',
  'personalDataKinds',
  'serviceCountries',
  'dataCountries',
  'criticalityReason',
  'criticalityAssessedOn',
  'partnerNoticeDays',
  'subcontractors',
  'substitutability',
  'exitPossibility',
  'exitNotes',
] satisfies (keyof ContractRegister)[];
export type RegisterField = keyof ContractRegister;

/** Drops empty strings and empty optional lists, so "cleared" and "never filled" are the same. */
function normalise(input: z.output<typeof contractRegisterInput>): ContractRegister {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v) && v.length === 0 && k !== 'subcontractors') continue;
    out[k] = Array.isArray(v) && k.endsWith('Countries') ? [...new Set(v as string[])] : v;
  }
  return out as ContractRegister;
}

async function load(db: Database, contractId: string) {
  if (!isUuid(contractId)) throw notFound('Contract');
  const [row] = await db
    .select({
      contract: contracts,
      terms: contractVersions.terms,
      partnerName: partners.legalName,
      creditCode: partners.creditCode,
      criticality: partners.criticality,
      partnerCriticalityReason: partners.criticalityReason,
      partnerAssessedAt: partners.criticalityAssessedAt,
      handlesPersonalData: partners.handlesPersonalData,
    })
    .from(contracts)
    .innerJoin(partners, eq(partners.id, contracts.partnerId))
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        eq(contractVersions.version, contracts.currentVersion),
      ),
    )
    .where(eq(contracts.id, contractId));
  if (!row) throw notFound('Contract');
  return row;
}

/**
 * A contract's register record (decision record 039): the fields read live from the contract, its
 * current terms and its partner (`derived`), the ones staff keep (`stored`), and which are still
 * missing for this arrangement's criticality. Staff only (internal).
 */
export async function contractRegister(
  db: Database,
  actor: Actor,
  contractId: string,
  today = todayInChina(),
) {
  assertCan(actor, 'read:contract:any');
  const row = await load(db, contractId);
  const stored = row.contract.register ?? {};
  const t = row.terms;
  const termEnd = currentTermEnd(t, today);
  const derived = {
    reference: row.contract.reference,
    partnerName: row.partnerName,
    creditCode: row.creditCode,
    serviceCategory: row.contract.serviceCategory,
    startDate: t.startDate,
    endDate: termEnd,
    /** The next renewal: the end of the term in force, when the contract renews automatically. */
    renewalDate: t.autoRenew ? termEnd : null,
    noticeDays: t.noticeDays,
    noticeDeadline: addDays(termEnd, -t.noticeDays),
    governingLaw: t.governingLaw,
    criticality: row.criticality,
    partnerCriticalityReason: row.partnerCriticalityReason,
    partnerAssessedAt: row.partnerAssessedAt,
    partnerHandlesPersonalData: row.handlesPersonalData,
    annualValueCents: t.annualValueCents,
    currency: t.currency ?? 'CNY',
  };
  // The register's rules, limited to what this form can fill (a partner-level value counts).
  const entry = await registerEntry(db, actor, contractId, today);
  const missing = entry.missing.filter((f) => formFieldNames.includes(f)) as RegisterField[];
  return { contractId: row.contract.id, derived, stored, missing, complete: missing.length === 0 };
}

/**
 * Sets a contract's register fields (the whole record: a field left out is cleared). Checked field
 * by field (a 422 naming each); audited with the record before and after, in the same transaction.
 * Sending the same record again changes nothing and writes no second entry.
 */
export async function updateContractRegister(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: z.input<typeof contractRegisterInput>,
) {
  assertCan(actor, 'manage:contract');
  let next = normalise(parse(contractRegisterInput, raw));
  return db.transaction(async (tx) => {
    if (!isUuid(contractId)) throw notFound('Contract');
    const [current] = await tx
      .select({ id: contracts.id, partnerId: contracts.partnerId, register: contracts.register })
      .from(contracts)
      .where(eq(contracts.id, contractId))
      .for('update');
    if (!current) throw notFound('Contract');
    const before = current.register ?? {};
    // The register page's own fields (decision record 052) are not on this form: keep them.
    next = { ...keptOnRegisterPage(before), ...next };
    if (JSON.stringify(canonical(before)) === JSON.stringify(canonical(next))) {
      return { changed: false, register: before };
    }
    await tx
      .update(contracts)
      .set({ register: next, updatedAt: new Date() })
      .where(eq(contracts.id, contractId));
    await audit(tx, actor, {
      action: 'contract.register_updated',
      entityType: 'contract',
      entityId: contractId,
      partnerId: current.partnerId,
      data: { before, after: next },
    });
    return { changed: true, register: next };
  });
}

function canonical(r: ContractRegister) {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export type ContractRegisterInput = z.input<typeof contractRegisterInput>;
