import { type Actor, filledText, type getContract, listKpis } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, formatDay, formatNumber, type Locale, translate } from '@outpost/i18n';

type Contract = Awaited<ReturnType<typeof getContract>>;

/** Statuses from which the approved text exists: the PDF can be downloaded. */
export const approvedStatuses = ['signing', 'active', 'expiring', 'renewed', 'expired', 'terminated'];
/** Statuses in which the countersigned copy is on file. */
export const signedStatuses = ['active', 'expiring', 'renewed', 'expired', 'terminated'];

/**
 * What both portals show of a contract, worded for the reader: terms, SLA targets with the KPI's
 * name, and every clause with its variables filled in (as the PDF prints them).
 */
export async function contractView(db: Database, actor: Actor, locale: Locale, contract: Contract) {
  const kpis = await listKpis(db, actor);
  const kpiName = new Map(kpis.map((k) => [k.key, locale === 'en' ? k.nameEn : k.nameZh]));
  const v = contract.version;
  const terms = v.terms;
  return {
    id: contract.id,
    reference: contract.reference,
    status: contract.status,
    version: v.version,
    partnerId: contract.partnerId,
    partnerName: contract.partnerName,
    serviceCategory: contract.serviceCategory,
    criticality: contract.criticality,
    terms: {
      start: formatDay(locale, terms.startDate) ?? terms.startDate,
      end: formatDay(locale, terms.endDate) ?? terms.endDate,
      autoRenew: terms.autoRenew,
      noticeDays: terms.noticeDays,
      annualValue: `${formatNumber(locale, terms.annualValueCents / 100, 2)} ${terms.currency}`,
      governingLaw: terms.governingLaw,
      language: terms.language,
    },
    sla: v.slaTargets.map((s) => ({
      kpi: kpiName.get(s.kpiKey) ?? s.kpiKey,
      // "≥ 95 per month" in the reader's language.
      target: translate(locale, `contracts.sla.${s.comparator}`, {
        target: formatNumber(locale, s.target, 2),
        period: translate(locale, `contracts.pdf.period.${s.period}`),
      }),
    })),
    clauses: v.clauses.map((c) => ({
      kind: c.kind,
      title: locale === 'en' ? c.titleEn : c.titleZh,
      text: filledText(locale, c, v.values),
    })),
    submitted: v.submittedAt ? formatDateTime(locale, v.submittedAt) : null,
    legalReviewRequired: v.legalReviewRequired,
    mayDownloadPdf: approvedStatuses.includes(contract.status),
    signed: signedStatuses.includes(contract.status),
  };
}

export type ContractView = Awaited<ReturnType<typeof contractView>>;
