import type { RegisterRecord } from '@outpost/core';
import type { Translate } from '@outpost/i18n';

type Field = keyof RegisterRecord;

/** One register field as a person reads it: codes in the reader's language, lists joined, "—" for not known. */
export function recordValue(t: Translate, locale: string, r: RegisterRecord, field: Field): string {
  const v = r[field];
  const code = (prefix: string, value: string | null) => (value ? t(`${prefix}.${value}` as never) : '—');
  const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : '—');
  const yesNo = (b: boolean | null) => (b === null ? '—' : t(b ? 'register.yes' : 'register.no'));
  switch (field) {
    case 'contractStatus':
      return code('contracts.status', r.contractStatus);
    case 'serviceCategory':
      return code('category', r.serviceCategory);
    case 'criticality':
      return code('criticality', r.criticality);
    case 'substitutability':
      return code('contracts.register.substitutability', r.substitutability);
    case 'exitPossibility':
      return code('contracts.register.exitPossibility', r.exitPossibility);
    case 'riskAssessmentResult':
      return code('register.level', r.riskAssessmentResult);
    case 'discontinuationImpact':
      return code('register.level', r.discontinuationImpact);
    case 'personalData':
      return yesNo(r.personalData);
    case 'timeCritical':
      return yesNo(r.timeCritical);
    case 'personalDataKinds':
      return list(r.personalDataKinds.map((k) => t(`contracts.register.personalDataKind.${k}` as never)));
    case 'annualValueCents':
      return r.annualValueCents === null
        ? '—'
        : new Intl.NumberFormat(locale, { style: 'currency', currency: r.currency }).format(
            r.annualValueCents / 100,
          );
    case 'subcontractors':
      return r.subcontractors === null
        ? '—'
        : r.subcontractors.length === 0
          ? t('register.none')
          : r.subcontractors.map((s) => `${s.name} (${s.country}): ${s.function}`).join('; ');
    case 'lastReview':
      return r.lastReview ? `${r.lastReview.quarter} ${r.lastReview.grade ?? ''}`.trim() : '—';
    case 'lastExecution':
      return r.lastExecution
        ? `${r.lastExecution.period}: ${r.lastExecution.missed} / ${r.lastExecution.measured}`
        : '—';
    default:
      if (Array.isArray(v)) return list(v as string[]);
      return v === null || v === undefined || v === '' ? '—' : String(v);
  }
}

/** The fields read live (from the partner, the contract and its records), in the register's order. */
export const liveFields: Field[] = [
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
  'governingLaw',
  'annualValueCents',
  'criticality',
  'approvedBy',
  'lastReview',
  'lastExecution',
];

/** The fields staff keep (on the contract's register form, on this page, or on the partner). */
export const keptFields: Field[] = [
  'functionDescription',
  'dataDescription',
  'personalData',
  'personalDataKinds',
  'serviceCountries',
  'dataCountries',
  'partnerNoticeDays',
  'criticalityReason',
  'criticalityAssessedOn',
  'subcontractors',
  'substitutability',
  'exitPossibility',
  'exitNotes',
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
];
