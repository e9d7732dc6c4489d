import type { RegisterEntry } from './arrangements.ts';
import { entityTypeLabel, type OurEntity } from './entity.ts';
import type { RegisterRecord } from './record.ts';

/**
 * DORA's Register of Information, the core templates (Commission Implementing Regulation (EU)
 * 2024/2956, annex I), as plain CSV: one file per template, the column codes as the header row,
 * one row per arrangement (or provider, or function). Values are plain: ISO dates, ISO 3166
 * country and ISO 4217 currency codes, amounts in currency units with two decimals, the annex's
 * wording for closed lists (decision record 052 explains the choices).
 */
export interface ReportingEntity {
  lei: string;
  name: string;
  country: string;
  type: string;
  competentAuthority: string;
}

/**
 * The insurer keeping the register, as B_01.01 writes it: from the `register.entity` setting
 * (decision record 060), the English name and DORA's wording for the type.
 */
export function reportingEntityOf(entity: OurEntity): ReportingEntity {
  return {
    lei: entity.lei,
    name: entity.nameEn,
    country: entity.country,
    type: entityTypeLabel[entity.entityType],
    competentAuthority: entity.competentAuthority,
  };
}

type Cell = string | number | null;
export interface DoraTemplate {
  code: string;
  fileName: string;
  columns: string[];
  rows: Cell[][];
}

const money = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));
const list = (xs: readonly string[]) => xs.join(';');
const bool = (v: boolean | null) => (v === null ? null : v ? 'true' : 'false');
/** A Chinese provider is identified by its unified social credit code when it has no LEI. */
const providerCode = (r: RegisterRecord) => (r.lei ? [r.lei, 'LEI'] : [r.creditCode, 'USCC']);
/** Each arrangement supports one function of the insurer: the function outsourced under it. */
const functionId = (r: RegisterRecord) => `F-${r.reference}`;

const substitutability: Record<string, string> = {
  easy: 'Easily substitutable',
  difficult: 'Highly complex substitutability',
  impossible: 'Not substitutable',
};
const reintegration: Record<string, string> = {
  in_house: 'Easy',
  both: 'Easy',
  other_provider: 'Not possible',
  none: 'Not possible',
};
const level: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High' };
const reliance: Record<string, string> = {
  critical: 'Full reliance',
  important: 'Material reliance',
  standard: 'Low reliance',
};
const importance = (c: string) => (c === 'standard' ? 'Not critical or important' : 'Critical or important');
/** Personal data of the sensitive kinds (health, biometric, financial) is high; other personal data medium. */
function sensitiveness(r: RegisterRecord) {
  if (r.personalData === null) return null;
  if (!r.personalData) return 'Low';
  return r.personalDataKinds.some((k) => k === 'health' || k === 'biometric' || k === 'financial')
    ? 'High'
    : 'Medium';
}

/** DORA asks for the governing law's country: the law of the PRC is CN; other wording passes as written. */
function governingLawCountry(law: string | null) {
  if (!law) return null;
  return /中华人民共和国|中国|\bPRC\b|People's Republic of China|\bChina\b/i.test(law) ? 'CN' : law;
}

const codes = (n: number) => Array.from({ length: n }, (_, i) => `c${String((i + 1) * 10).padStart(4, '0')}`);

export function doraTemplates(
  entity: ReportingEntity,
  asOf: string,
  entries: RegisterEntry[],
): DoraTemplate[] {
  const records = entries.map((e) => e.record);
  const providers = new Map<string, { r: RegisterRecord; cents: number | null }>();
  for (const r of records) {
    const key = providerCode(r)[0]!;
    const seen = providers.get(key);
    const cents = r.annualValueCents;
    if (!seen) providers.set(key, { r, cents });
    else if (cents !== null) seen.cents = (seen.cents ?? 0) + cents;
  }
  const byProvider = [...providers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    {
      code: 'B_01.01',
      fileName: 'b_01.01.csv',
      columns: codes(6),
      rows: [[entity.lei, entity.name, entity.country, entity.type, entity.competentAuthority, asOf]],
    },
    {
      code: 'B_02.01',
      fileName: 'b_02.01.csv',
      columns: codes(5),
      rows: records.map((r) => [
        r.reference,
        'Standalone arrangement',
        null,
        r.currency,
        money(r.annualValueCents),
      ]),
    },
    {
      code: 'B_02.02',
      fileName: 'b_02.02.csv',
      columns: codes(18),
      rows: records.map((r) => [
        r.reference,
        entity.lei,
        ...providerCode(r),
        functionId(r),
        r.serviceCategory,
        r.startDate,
        r.endDate,
        null,
        r.noticeDays,
        r.partnerNoticeDays,
        governingLawCountry(r.governingLaw),
        list(r.serviceCountries),
        bool(r.dataCountries.length > 0 ? true : r.personalData === null ? null : false),
        list(r.dataCountries),
        list(r.serviceCountries),
        sensitiveness(r),
        reliance[r.criticality] ?? null,
      ]),
    },
    {
      code: 'B_05.01',
      fileName: 'b_05.01.csv',
      columns: codes(12),
      rows: byProvider.map(([, { r, cents }]) => [
        ...providerCode(r),
        r.lei ? r.creditCode : null,
        r.lei ? 'USCC' : null,
        r.providerName,
        null,
        'Legal person',
        r.providerCountry,
        r.currency,
        money(cents),
        r.parentCompany,
        r.parentCompany ? 'Name' : null,
      ]),
    },
    {
      code: 'B_06.01',
      fileName: 'b_06.01.csv',
      columns: codes(10),
      rows: records.map((r) => [
        functionId(r),
        r.serviceCategory,
        r.functionDescription,
        entity.lei,
        importance(r.criticality),
        r.criticalityReason,
        r.criticalityAssessedOn,
        r.rtoHours,
        r.rpoHours,
        r.discontinuationImpact ? level[r.discontinuationImpact]! : null,
      ]),
    },
    {
      code: 'B_07.01',
      fileName: 'b_07.01.csv',
      columns: codes(12),
      rows: records.map((r) => [
        r.reference,
        ...providerCode(r),
        r.serviceCategory,
        r.substitutability ? substitutability[r.substitutability]! : null,
        r.substitutability && r.substitutability !== 'easy' ? r.exitNotes : null,
        r.lastAuditOn,
        r.exitPossibility ? bool(r.exitPossibility !== 'none') : null,
        r.exitPossibility ? reintegration[r.exitPossibility]! : null,
        r.discontinuationImpact ? level[r.discontinuationImpact]! : null,
        bool(r.alternativeProviders.length > 0 ? true : r.substitutability ? false : null),
        list(r.alternativeProviders),
      ]),
    },
  ];
}

/** A plain CSV cell (RFC 4180): quoted only when it must be; no formula defusing, no byte-order mark. */
function plainCell(v: Cell): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function plainCsv(template: DoraTemplate): string {
  return [template.columns, ...template.rows].map((row) => `${row.map(plainCell).join(',')}\r\n`).join('');
}
