import type { ClauseVariable, ContractClauseText, contractVersions } from '@outpost/db';
import { formatDay, formatNumber, type Locale, translate } from '@outpost/i18n';
import { type PdfBlock, renderPdf } from '@outpost/pdf';
import { placeholderPattern } from './library.ts';

type Version = typeof contractVersions.$inferSelect;

export interface ContractPdfFacts {
  reference: string;
  partnerName: string;
  creditCode: string;
  version: Version;
  /** When the version was approved: the PDF's date, so the same version is the same file. */
  approvedAt: Date;
}

/** A variable's value as the reader of this language writes it (money in yuan, days as days…). */
export function formatValue(
  locale: Locale,
  variable: ClauseVariable | undefined,
  value: string | number | undefined,
) {
  if (value === undefined) return '____';
  if (typeof value === 'string') {
    return variable?.type === 'date' ? (formatDay(locale, value) ?? value) : value;
  }
  switch (variable?.type) {
    case 'money':
      return `${formatNumber(locale, value / 100, 2)} ${locale === 'en' ? 'CNY' : '元'}`;
    case 'percent':
      return `${formatNumber(locale, value, 2)}%`;
    default:
      return formatNumber(locale, value, 2);
  }
}

/** A clause's text in this language with its variables filled in. */
export function filledText(
  locale: Locale,
  clause: ContractClauseText,
  values: Record<string, string | number>,
) {
  const body = locale === 'en' ? clause.bodyEn : clause.bodyZh;
  const byName = new Map(clause.variables.map((v) => [v.name, v]));
  return body.replace(placeholderPattern, (_m, name: string) =>
    formatValue(locale, byName.get(name), values[name]),
  );
}

/**
 * The contract as a PDF in the chosen language, from the approved version only: parties, terms,
 * SLA targets and every clause with its values. Chinese text is embedded with a CJK font and
 * stays extractable (the pdf package's own test reads it back).
 */
export function contractPdf(facts: ContractPdfFacts, locale: Locale, kpiNames: Map<string, string>) {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const { version } = facts;
  const terms = version.terms;
  return renderPdf({
    title: `${t('contracts.pdf.title')} ${facts.reference}`,
    subject: facts.partnerName,
    language: locale,
    createdAt: facts.approvedAt,
    footer: t('contracts.pdf.footer', { reference: facts.reference, version: version.version }),
    blocks: [
      { kind: 'title', text: t('contracts.pdf.title'), align: 'center' },
      { kind: 'paragraph', text: facts.reference, align: 'center', muted: true },
      { kind: 'spacer', size: 12 },
      {
        kind: 'fields',
        rows: [
          { label: t('contracts.pdf.insurer'), value: t('contracts.pdf.insurerName') },
          { label: t('contracts.pdf.provider'), value: facts.partnerName },
          { label: t('partner.creditCode'), value: facts.creditCode },
          {
            label: t('contracts.pdf.term'),
            value: `${formatDay(locale, terms.startDate)} – ${formatDay(locale, terms.endDate)}`,
          },
          {
            label: t('contracts.pdf.renewal'),
            value: t(terms.autoRenew ? 'contracts.pdf.autoRenew' : 'contracts.pdf.noRenew'),
          },
          { label: t('contracts.pdf.notice'), value: t('contracts.pdf.days', { days: terms.noticeDays }) },
          {
            label: t('contracts.pdf.annualValue'),
            value: `${formatNumber(locale, terms.annualValueCents / 100, 2)} ${terms.currency}`,
          },
          { label: t('contracts.pdf.governingLaw'), value: terms.governingLaw },
        ],
      },
      ...(version.slaTargets.length > 0
        ? ([
            { kind: 'heading', text: t('contracts.pdf.sla') },
            {
              kind: 'table',
              columns: [
                { header: t('contracts.pdf.kpi'), width: 3 },
                { header: t('contracts.pdf.target'), width: 2, align: 'right' },
                { header: t('contracts.pdf.period'), width: 1 },
              ],
              rows: version.slaTargets.map((s) => [
                kpiNames.get(s.kpiKey) ?? s.kpiKey,
                `${s.comparator === 'gte' ? '≥' : '≤'} ${formatNumber(locale, s.target, 2)}`,
                t(`contracts.pdf.period.${s.period}`),
              ]),
            },
          ] satisfies PdfBlock[])
        : []),
      { kind: 'spacer', size: 8 },
      ...version.clauses.flatMap((clause, i) => [
        {
          kind: 'heading' as const,
          text: `${t('contracts.pdf.article', { n: i + 1 })} ${locale === 'en' ? clause.titleEn : clause.titleZh}`,
          level: 2 as const,
        },
        {
          kind: 'paragraph' as const,
          text: filledText(locale, clause, version.values),
          align: 'justify' as const,
        },
      ]),
      { kind: 'spacer', size: 24 },
      {
        kind: 'fields',
        rows: [
          { label: t('contracts.pdf.signInsurer'), value: '' },
          { label: t('contracts.pdf.signProvider'), value: '' },
        ],
      },
    ],
  });
}
