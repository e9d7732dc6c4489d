import {
  type Actor,
  can,
  type ContractArchiveFilters,
  contractHistory,
  contractRegister,
  type contractVersionDiff,
} from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatBytes, formatDateTime, formatDay, formatNumber, type Locale, translate } from '@outpost/i18n';
import { contractStatusCodes } from './contract-codes';
import { clauseKindCodes } from './archive-codes';
import { serviceCategoryCodes } from '../risk/risk-codes';
import { ownershipFilterParams } from '../ownership/ownership.server';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The archive's filters from the list's query string (also the export's): a hand-edited bad value
 * falls back to "no filter", never an error page; a window typed the wrong way round is
 * turned round.
 */
export function archiveFilters(params: URLSearchParams): ContractArchiveFilters {
  const pick = <T extends string>(codes: readonly T[], name: string) =>
    codes.find((c) => c === params.get(name));
  const day = (name: string) => {
    const v = params.get(name) ?? '';
    return isoDay.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
  };
  const within = Number(params.get('within'));
  const partner = params.get('partner') ?? '';
  const filters: ContractArchiveFilters = {
    status: pick(contractStatusCodes, 'status'),
    serviceCategory: pick(serviceCategoryCodes, 'category'),
    clauseKind: pick(clauseKindCodes, 'kind'),
    partnerId: uuid.test(partner) ? partner : undefined,
    endsWithinDays: within === 30 || within === 60 || within === 90 ? within : undefined,
    endsFrom: day('from'),
    endsTo: day('to'),
    q: (params.get('q') ?? '').trim().slice(0, 100) || undefined,
    // Decision record 050: the owning department and the responsible person.
    ...ownershipFilterParams(params),
  };
  // A window typed the wrong way round is read the right way round.
  if (filters.endsFrom && filters.endsTo && filters.endsFrom > filters.endsTo) {
    [filters.endsFrom, filters.endsTo] = [filters.endsTo, filters.endsFrom];
  }
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined),
  ) as ContractArchiveFilters;
}

/** The History section: versions, reviews and approvals (staff only, core decides), signed files. */
export async function historyView(db: Database, actor: Actor, locale: Locale, contractId: string) {
  const h = await contractHistory(db, actor, contractId);
  const when = (at: Date | null) => (at ? formatDateTime(locale, at) : null);
  return {
    /** Whether this reader may see the internal record (staff); the lists are empty otherwise anyway. */
    internal: can(actor, 'read:contract:any'),
    versions: h.versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      renewal: v.renewal,
      state: v.state,
      created: formatDateTime(locale, v.createdAt),
      submitted: when(v.submittedAt),
      submittedBy: v.submittedBy,
      signed: v.signed,
    })),
    signedFiles: h.signedFiles.map((s) => ({
      version: s.version,
      fileName: s.fileName,
      size: formatBytes(locale, s.sizeBytes),
      sha256: s.sha256,
      uploadedBy: s.uploadedBy,
      uploaded: formatDateTime(locale, s.uploadedAt),
    })),
    reviews: h.reviews.map((r) => ({
      version: r.version,
      decision: r.decision,
      comments: r.comments,
      reviewer: r.reviewer,
      at: formatDateTime(locale, r.at),
    })),
    approvals: h.approvals.map((a) => ({
      version: a.version,
      decision: a.decision,
      reason: a.reason,
      via: a.via,
      approver: a.approver,
      at: formatDateTime(locale, a.at),
    })),
  };
}
export type HistoryView = Awaited<ReturnType<typeof historyView>>;

const joiner = (locale: Locale) => (locale === 'zh-CN' ? '、' : ', ');

/** The register card: live fields worded, stored fields worded, what is missing. */
export async function registerView(db: Database, actor: Actor, locale: Locale, contractId: string) {
  const r = await contractRegister(db, actor, contractId);
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const d = r.derived;
  const s = r.stored;
  const day = (v: string | null | undefined) => (v ? (formatDay(locale, v) ?? v) : null);
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const countries = (codes: string[] | undefined) =>
    codes ? codes.map((c) => `${regions.of(c) ?? c} (${c})`).join(joiner(locale)) : null;
  const derived: { key: string; label: string; value: string }[] = [
    { key: 'reference', label: t('contracts.register.field.reference'), value: d.reference },
    { key: 'partner', label: t('contracts.register.field.partner'), value: d.partnerName },
    { key: 'creditCode', label: t('contracts.register.field.creditCode'), value: d.creditCode },
    { key: 'startDate', label: t('contracts.register.field.startDate'), value: day(d.startDate) ?? '' },
    { key: 'endDate', label: t('contracts.register.field.endDate'), value: day(d.endDate) ?? '' },
    {
      key: 'renewalDate',
      label: t('contracts.register.field.renewalDate'),
      value: day(d.renewalDate) ?? t('contracts.register.field.noRenewal'),
    },
    {
      key: 'noticeDays',
      label: t('contracts.register.field.noticeDays'),
      value: t('contracts.register.days', { days: d.noticeDays }),
    },
    {
      key: 'noticeDeadline',
      label: t('contracts.register.field.noticeDeadline'),
      value: day(d.noticeDeadline) ?? '',
    },
    { key: 'governingLaw', label: t('contracts.register.field.governingLaw'), value: d.governingLaw },
    {
      key: 'criticality',
      label: t('contracts.register.field.criticality'),
      value: t(`criticality.${d.criticality}`),
    },
    {
      key: 'annualCost',
      label: t('contracts.register.field.annualCost'),
      value: `${formatNumber(locale, d.annualValueCents / 100, 2)} ${d.currency}`,
    },
  ];
  const unknown = t('contracts.register.unknown');
  const stored: { key: string; label: string; value: string; missing: boolean }[] = [
    ['functionDescription', s.functionDescription ?? null],
    ['dataDescription', s.dataDescription ?? null],
    [
      'personalData',
      s.personalData === undefined
        ? null
        : t(s.personalData ? 'contracts.register.yes' : 'contracts.register.no'),
    ],
    [
      'personalDataKinds',
      s.personalDataKinds?.map((k) => t(`contracts.register.personalDataKind.${k}`)).join(joiner(locale)) ??
        null,
    ],
    ['serviceCountries', countries(s.serviceCountries)],
    ['dataCountries', countries(s.dataCountries)],
    ['criticalityReason', s.criticalityReason ?? d.partnerCriticalityReason ?? null],
    ['criticalityAssessedOn', day(s.criticalityAssessedOn)],
    [
      'partnerNoticeDays',
      s.partnerNoticeDays === undefined ? null : t('contracts.register.days', { days: s.partnerNoticeDays }),
    ],
    [
      'subcontractors',
      s.subcontractors === undefined
        ? null
        : s.subcontractors.length === 0
          ? t('contracts.register.noSubcontractors')
          : s.subcontractors
              .map((c) =>
                t('contracts.register.subcontractorLine', {
                  name: c.name,
                  country: c.country,
                  function: c.function,
                }),
              )
              .join('; '),
    ],
    [
      'substitutability',
      s.substitutability ? t(`contracts.register.substitutability.${s.substitutability}`) : null,
    ],
    [
      'exitPossibility',
      s.exitPossibility ? t(`contracts.register.exitPossibility.${s.exitPossibility}`) : null,
    ],
    ['exitNotes', s.exitNotes ?? null],
  ].map(([key, value]) => ({
    key: key as string,
    label: t(`contracts.register.field.${key}`),
    value: (value as string | null) ?? unknown,
    missing: (r.missing as string[]).includes(key as string),
  }));
  return {
    complete: r.complete,
    missing: r.missing.map((f) => t(`contracts.register.field.${f}`)).join(joiner(locale)),
    derived,
    stored,
    /** The stored record as the edit form's defaults. */
    raw: s,
  };
}
export type RegisterView = Awaited<ReturnType<typeof registerView>>;

/** The diff page, worded: terms by their labels, SLA targets and values as they are. */
export function diffView(locale: Locale, diff: Awaited<ReturnType<typeof contractVersionDiff>>) {
  const t = (key: string) => translate(locale, key);
  const text = (v: string | number | boolean | null) =>
    v === null
      ? '—'
      : typeof v === 'boolean'
        ? t(v ? 'contracts.register.yes' : 'contracts.register.no')
        : String(v);
  return {
    reference: diff.reference,
    version: diff.version.version,
    kind: diff.version.kind,
    state: diff.version.state,
    previousVersion: diff.previousVersion,
    clauses: diff.clauses.map((c) => ({ ...c, title: locale === 'en' ? c.titleEn : c.titleZh })),
    terms: diff.terms.map((f) => ({
      field: t(`contracts.diff.term.${f.field}`),
      before: text(f.before),
      after: text(f.after),
    })),
    values: diff.values.map((f) => ({ field: f.field, before: text(f.before), after: text(f.after) })),
    sla: diff.slaTargets.map((f) => ({ field: f.field, before: text(f.before), after: text(f.after) })),
  };
}
export type DiffView = ReturnType<typeof diffView>;
