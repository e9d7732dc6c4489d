import type { Database } from '@outpost/db';
import { type Locale, todayInChina, translate } from '@outpost/i18n';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { csvDocument } from '../csv.ts';
import { writeXlsx } from '../exports/xlsx-write.ts';
import { parse } from '../validation.ts';
import { getSetting } from '../settings.ts';
import { registerEntries, type RegisterEntry } from './arrangements.ts';
import { missingEntityFields } from './completeness.ts';
import type { OurEntity } from './entity.ts';

/** The EBA register's columns (guidelines points 54–55), in order; headings are `register.field.<key>`. */
export const ebaColumns = [
  // The insurer keeping the register (decision record 060), on every row so each stands alone.
  'entityName',
  'entityLei',
  'reference',
  'contractStatus',
  'serviceCategory',
  'providerName',
  'creditCode',
  'lei',
  'registeredAddress',
  'parentCompany',
  'providerCountry',
  'startDate',
  'renewalDate',
  'endDate',
  'noticeDays',
  'partnerNoticeDays',
  'functionDescription',
  'dataDescription',
  'personalData',
  'personalDataKinds',
  'serviceCountries',
  'dataCountries',
  'criticality',
  'criticalityReason',
  'criticalityAssessedOn',
  'riskAssessedOn',
  'riskAssessmentResult',
  'approvedBy',
  'governingLaw',
  'lastAuditOn',
  'nextAuditOn',
  'subcontractors',
  'substitutability',
  'exitPossibility',
  'exitNotes',
  'discontinuationImpact',
  'alternativeProviders',
  'timeCritical',
  'rtoHours',
  'rpoHours',
  'annualValueCents',
  'currency',
  'regulatorNotifiedOn',
  'lastReview',
  'lastExecution',
  'missing',
] as const;

function cells(e: RegisterEntry, locale: Locale, entity: OurEntity | null): (string | number | null)[] {
  const t = (key: string) => translate(locale, key);
  const r = e.record;
  const yesNo = (v: boolean | null) => (v === null ? '' : t(v ? 'register.yes' : 'register.no'));
  const code = (prefix: string, v: string | null) => (v ? t(`${prefix}.${v}`) : '');
  const list = (xs: string[]) => xs.join('; ');
  const value: Record<(typeof ebaColumns)[number], string | number | null> = {
    entityName: entity ? (locale === 'en' ? entity.nameEn : entity.nameZh) : null,
    entityLei: entity?.lei ?? null,
    reference: r.reference,
    contractStatus: t(`contracts.status.${r.contractStatus}`),
    serviceCategory: t(`category.${r.serviceCategory}`),
    providerName: r.providerName,
    creditCode: r.creditCode,
    lei: r.lei,
    registeredAddress: r.registeredAddress,
    parentCompany: r.parentCompany,
    providerCountry: r.providerCountry,
    startDate: r.startDate,
    renewalDate: r.renewalDate,
    endDate: r.endDate,
    noticeDays: r.noticeDays,
    partnerNoticeDays: r.partnerNoticeDays,
    functionDescription: r.functionDescription,
    dataDescription: r.dataDescription,
    personalData: yesNo(r.personalData),
    personalDataKinds: list(r.personalDataKinds.map((k) => t(`contracts.register.personalDataKind.${k}`))),
    serviceCountries: list(r.serviceCountries),
    dataCountries: list(r.dataCountries),
    criticality: t(`criticality.${r.criticality}`),
    criticalityReason: r.criticalityReason,
    criticalityAssessedOn: r.criticalityAssessedOn,
    riskAssessedOn: r.riskAssessedOn,
    riskAssessmentResult: code('register.level', r.riskAssessmentResult),
    approvedBy: list(r.approvedBy),
    governingLaw: r.governingLaw,
    lastAuditOn: r.lastAuditOn,
    nextAuditOn: r.nextAuditOn,
    subcontractors:
      r.subcontractors === null
        ? ''
        : r.subcontractors.length === 0
          ? t('register.none')
          : list(r.subcontractors.map((s) => `${s.name} (${s.country}): ${s.function}`)),
    substitutability: code('contracts.register.substitutability', r.substitutability),
    exitPossibility: code('contracts.register.exitPossibility', r.exitPossibility),
    exitNotes: r.exitNotes,
    discontinuationImpact: code('register.level', r.discontinuationImpact),
    alternativeProviders: list(r.alternativeProviders),
    timeCritical: yesNo(r.timeCritical),
    rtoHours: r.rtoHours,
    rpoHours: r.rpoHours,
    annualValueCents: r.annualValueCents === null ? null : r.annualValueCents / 100,
    currency: r.currency,
    regulatorNotifiedOn: r.regulatorNotifiedOn,
    lastReview: r.lastReview ? `${r.lastReview.quarter} ${r.lastReview.grade ?? ''}`.trim() : '',
    lastExecution: r.lastExecution
      ? `${r.lastExecution.period}: ${r.lastExecution.missed}/${r.lastExecution.measured}`
      : '',
    // Without the entity setting every row is incomplete: it names the entity as missing first.
    missing: list([
      ...(missingEntityFields(entity).length > 0 ? [t('register.field.entity')] : []),
      ...e.missing.map((f) => t(`register.field.${f}`)),
    ]),
  };
  return ebaColumns.map((c) => value[c]);
}

export const ebaExportInput = z.strictObject({
  format: z.enum(['csv', 'xlsx'], { message: 'Choose csv or xlsx.' }),
  asOf: z.iso.date('Enter the reference date as YYYY-MM-DD.').optional(),
});

/**
 * The EBA register as CSV or XLSX, headings and codes in the reader's language: one row per
 * arrangement in force on the reference date, ordered by reference, with what is still missing.
 * Audited (`register.exported`). No arrangement: the headings alone. Without the insurer's
 * entity setting (decision record 060) the file is still written — it is the working register —
 * but its entity columns are empty and every row lists "our legal entity" as missing.
 */
export async function exportEbaRegister(
  db: Database,
  actor: Actor,
  raw: z.input<typeof ebaExportInput>,
  locale: Locale,
) {
  const input = parse(ebaExportInput, raw);
  const asOf = input.asOf ?? todayInChina();
  const entries = await registerEntries(db, actor, asOf);
  const entity = await getSetting(db, 'register.entity');
  const header = ebaColumns.map((c) => translate(locale, `register.field.${c}`));
  const rows = entries.map((e) => cells(e, locale, entity));
  await audit(db, actor, {
    action: 'register.exported',
    entityType: 'register',
    data: { format: input.format, asOf, arrangements: entries.length, entitySet: entity !== null },
  });
  const name = `outsourcing-register-${asOf}`;
  if (input.format === 'xlsx') {
    return {
      fileName: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: writeXlsx(translate(locale, 'register.sheet'), [header, ...rows]) as Uint8Array | string,
      rows: rows.length,
    };
  }
  return {
    fileName: `${name}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: csvDocument(
      header,
      rows.map((r) => r.map((v) => (v === null ? '' : String(v)))),
    ) as Uint8Array | string,
    rows: rows.length,
  };
}
