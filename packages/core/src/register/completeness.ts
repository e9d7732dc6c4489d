import type { criticalities } from '@outpost/db';
import type { OurEntity } from './entity.ts';
import type { RegisterRecord } from './record.ts';

/**
 * The register's completeness rules (decision record 052), in this one place: the page, the
 * filters, the exports' "missing" column and the tests all read them from here. They follow
 * DOMAIN.md's register section: what every arrangement records, and what a critical or important
 * one records besides.
 */
export const requiredForEvery = [
  'reference',
  'serviceCategory',
  'providerName',
  'creditCode',
  'registeredAddress',
  'startDate',
  'endDate',
  'noticeDays',
  'functionDescription',
  'dataDescription',
  'personalData',
  'serviceCountries',
  'dataCountries',
  'criticality',
  'criticalityAssessedOn',
] as const satisfies readonly (keyof RegisterRecord)[];

/** Only critical or important arrangements (EBA guidelines point 55, DORA B_07.01). */
export const requiredForCriticalOrImportant = [
  'criticalityReason',
  'riskAssessedOn',
  'riskAssessmentResult',
  'approvedBy',
  'governingLaw',
  'lastAuditOn',
  'nextAuditOn',
  'subcontractors',
  'substitutability',
  'exitPossibility',
  'discontinuationImpact',
  'alternativeProviders',
  'rtoHours',
  'rpoHours',
  'annualValueCents',
  'regulatorNotifiedOn',
] as const satisfies readonly (keyof RegisterRecord)[];

export type RequiredField =
  | (typeof requiredForEvery)[number]
  | (typeof requiredForCriticalOrImportant)[number];
export const requiredFields: readonly RequiredField[] = [
  ...requiredForEvery,
  ...requiredForCriticalOrImportant,
];

export function requiredFor(criticality: (typeof criticalities)[number]): readonly RequiredField[] {
  return criticality === 'standard' ? requiredForEvery : requiredFields;
}

/** Empty: null/undefined, a blank string, or an empty list — except sub-contractors, where [] means "none". */
function blank(field: RequiredField, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return field !== 'subcontractors' && value.length === 0;
  return false;
}

/**
 * The required fields an arrangement still lacks, in the rules' order. A provider that cannot be
 * substituted at all has no alternative to name, so alternatives are not asked of it.
 */
export function missingFields(record: RegisterRecord): RequiredField[] {
  return requiredFor(record.criticality).filter((f) => {
    if (f === 'alternativeProviders' && record.substitutability === 'impossible') return false;
    return blank(f, record[f]);
  });
}

/**
 * What the register as a whole needs besides its arrangements (decision record 060): the insurer's
 * own legal entity, which DORA's B_01.01 names and every arrangement and function is keyed to.
 * Until an administrator sets it, the DORA export is refused and the EBA file lists it as missing.
 */
export const requiredOfEntity = [
  'nameZh',
  'nameEn',
  'lei',
  'country',
  'competentAuthority',
  'entityType',
] as const satisfies readonly (keyof OurEntity)[];

/** The entity's fields still missing: all of them until the setting exists (it is saved whole). */
export function missingEntityFields(entity: OurEntity | null): (typeof requiredOfEntity)[number][] {
  if (!entity) return [...requiredOfEntity];
  return requiredOfEntity.filter((f) => String(entity[f] ?? '').trim() === '');
}
