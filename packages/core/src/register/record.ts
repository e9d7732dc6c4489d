import type {
  ContractRegister,
  ContractStatus,
  ContractSubcontractor,
  ContractTerms,
  criticalities,
  PartnerRegister,
  serviceCategories,
} from '@outpost/db';
import { addDays, dayInChina } from '@outpost/i18n';
import { currentTermEnd } from '../contracts/expiry.ts';

type Criticality = (typeof criticalities)[number];

/**
 * One arrangement of the outsourcing register (decision record 052): a partner and one contract
 * in force, every field of DOMAIN.md's register section. Read live from the partner, the contract's
 * version in force, its approvals, reviews and execution results where the data exists; the rest
 * from the contract's register record (decision 039), falling back to the partner's (substitutability,
 * exit, alternatives) where the contract's is silent. Null: not known.
 */
export interface RegisterRecord {
  contractId: string;
  partnerId: string;
  reference: string;
  contractStatus: ContractStatus;
  serviceCategory: (typeof serviceCategories)[number];
  // The provider (partner record).
  providerName: string;
  creditCode: string;
  lei: string | null;
  registeredAddress: string | null;
  parentCompany: string | null;
  /** Where the provider is registered: a unified social credit code is issued in China. */
  providerCountry: string;
  // Dates and notice (contract terms).
  startDate: string;
  endDate: string;
  renewalDate: string | null;
  noticeDays: number;
  partnerNoticeDays: number | null;
  noticeDeadline: string;
  governingLaw: string | null;
  annualValueCents: number | null;
  currency: string;
  // What is outsourced (register record).
  functionDescription: string | null;
  dataDescription: string | null;
  personalData: boolean | null;
  personalDataKinds: string[];
  serviceCountries: string[];
  dataCountries: string[];
  // Criticality (partner; the record's reason and date when given, else the partner's).
  criticality: Criticality;
  criticalityReason: string | null;
  criticalityAssessedOn: string | null;
  // Critical or important arrangements.
  riskAssessedOn: string | null;
  riskAssessmentResult: string | null;
  /** The approvers of the version in force (live, from the contract's approvals). */
  approvedBy: string[];
  approvedOn: string | null;
  lastAuditOn: string | null;
  nextAuditOn: string | null;
  subcontractors: ContractSubcontractor[] | null;
  substitutability: string | null;
  exitPossibility: string | null;
  exitNotes: string | null;
  discontinuationImpact: string | null;
  alternativeProviders: string[];
  timeCritical: boolean | null;
  rtoHours: number | null;
  rpoHours: number | null;
  regulatorNotifiedOn: string | null;
  // Ongoing monitoring (live).
  lastReview: { quarter: string; grade: string | null; finalisedOn: string | null } | null;
  lastExecution: { period: string; deviation: number | null; missed: number; measured: number } | null;
  /** Fields taken from the partner's register record because the contract's is silent. */
  inherited: (keyof PartnerRegister)[];
}

/** What the register's query returns per arrangement, before it becomes a record. */
export interface RegisterRow {
  contractId: string;
  partnerId: string;
  reference: string;
  status: ContractStatus;
  serviceCategory: (typeof serviceCategories)[number];
  legalName: string;
  creditCode: string;
  lei: string | null;
  registeredAddress: string | null;
  parentCompany: string | null;
  criticality: Criticality;
  criticalityReason: string | null;
  criticalityAssessedAt: Date | string | null;
  terms: ContractTerms;
  register: ContractRegister;
  partnerRegister: PartnerRegister | null;
  approvers: string[] | null;
  approvedAt: Date | string | null;
  reviewQuarter: string | null;
  reviewGrade: string | null;
  reviewFinalisedAt: Date | string | null;
  executionPeriod: string | null;
  executionDeviation: number | null;
  executionMissed: number | null;
  executionMeasured: number | null;
}

/** The day in Beijing of an instant (raw SQL hands timestamps back as text). */
const beijingDate = (v: Date | string | null): string | null =>
  v === null ? null : dayInChina(typeof v === 'string' ? new Date(v) : v);

const inheritable = [
  'substitutability',
  'exitPossibility',
  'exitNotes',
  'discontinuationImpact',
  'alternativeProviders',
] as const satisfies readonly (keyof PartnerRegister & keyof ContractRegister)[];

export function toRecord(row: RegisterRow, today: string): RegisterRecord {
  const own = row.register ?? {};
  const partner = row.partnerRegister ?? {};
  const inherited: (keyof PartnerRegister)[] = [];
  const merged: ContractRegister = { ...own };
  for (const k of inheritable) {
    if (own[k] === undefined && partner[k] !== undefined) {
      (merged as Record<string, unknown>)[k] = partner[k];
      inherited.push(k);
    }
  }
  const t = row.terms;
  const end = currentTermEnd(t, today);
  return {
    contractId: row.contractId,
    partnerId: row.partnerId,
    reference: row.reference,
    contractStatus: row.status,
    serviceCategory: row.serviceCategory,
    providerName: row.legalName,
    creditCode: row.creditCode,
    lei: row.lei,
    registeredAddress: row.registeredAddress,
    parentCompany: row.parentCompany,
    providerCountry: 'CN',
    startDate: t.startDate,
    endDate: end,
    renewalDate: t.autoRenew ? end : null,
    noticeDays: t.noticeDays,
    partnerNoticeDays: merged.partnerNoticeDays ?? null,
    noticeDeadline: addDays(end, -t.noticeDays),
    governingLaw: t.governingLaw || null,
    annualValueCents: Number.isFinite(t.annualValueCents) ? t.annualValueCents : null,
    currency: t.currency || 'CNY',
    functionDescription: merged.functionDescription ?? null,
    dataDescription: merged.dataDescription ?? null,
    personalData: merged.personalData ?? null,
    personalDataKinds: merged.personalDataKinds ?? [],
    serviceCountries: merged.serviceCountries ?? [],
    dataCountries: merged.dataCountries ?? [],
    criticality: row.criticality,
    criticalityReason: merged.criticalityReason ?? row.criticalityReason ?? null,
    criticalityAssessedOn: merged.criticalityAssessedOn ?? beijingDate(row.criticalityAssessedAt),
    riskAssessedOn: merged.riskAssessedOn ?? null,
    riskAssessmentResult: merged.riskAssessmentResult ?? null,
    approvedBy: row.approvers ?? [],
    approvedOn: beijingDate(row.approvedAt),
    lastAuditOn: merged.lastAuditOn ?? null,
    nextAuditOn: merged.nextAuditOn ?? null,
    subcontractors: merged.subcontractors ?? null,
    substitutability: merged.substitutability ?? null,
    exitPossibility: merged.exitPossibility ?? null,
    exitNotes: merged.exitNotes ?? null,
    discontinuationImpact: merged.discontinuationImpact ?? null,
    alternativeProviders: merged.alternativeProviders ?? [],
    timeCritical: merged.timeCritical ?? null,
    rtoHours: merged.rtoHours ?? null,
    rpoHours: merged.rpoHours ?? null,
    regulatorNotifiedOn: merged.regulatorNotifiedOn ?? null,
    lastReview: row.reviewQuarter
      ? {
          quarter: row.reviewQuarter,
          grade: row.reviewGrade,
          finalisedOn: beijingDate(row.reviewFinalisedAt),
        }
      : null,
    lastExecution: row.executionPeriod
      ? {
          period: row.executionPeriod,
          deviation: row.executionDeviation === null ? null : Number(row.executionDeviation),
          missed: Number(row.executionMissed ?? 0),
          measured: Number(row.executionMeasured ?? 0),
        }
      : null,
    inherited,
  };
}
