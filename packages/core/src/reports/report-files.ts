import { dayInChina, formatDay, formatNumber, type Locale, translate } from '@outpost/i18n';
import { type PdfBlock, renderPdf } from '@outpost/pdf';
import { writeXlsxSheets } from '../exports/xlsx-write.ts';
import { type TargetKey, targetKeys, targets } from '../targets/definitions.ts';
import type { QuarterlyReportData } from './report-data.ts';

/** A target's figure as the report prints it; null is "not yet measured", never a number. */
export function formatFigure(locale: Locale, key: TargetKey, value: number | null): string {
  if (value === null) return translate(locale, 'reports.notMeasured');
  const pct = `${formatNumber(locale, value * 100, 1)}%`;
  return key === 'satisfaction' && value >= 0 ? `+${pct}` : pct;
}

const metText = (locale: Locale, met: boolean | null) =>
  met === null ? '—' : translate(locale, met ? 'reports.met.yes' : 'reports.met.no');

/** The rows every format shows, in the reader's language (the PDF's tables and the XLSX's sheets). */
function sections(data: QuarterlyReportData, locale: Locale) {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const day = (iso: string) => formatDay(locale, dayInChina(new Date(iso))) ?? iso;
  const current = (key: TargetKey) => data.targets[key].at(-1)!;
  return {
    targets: {
      header: [t('reports.col.target'), t('reports.col.goal'), t('reports.col.value'), t('reports.col.met')],
      rows: targetKeys.map((key) => [
        t(`targets.${key}.name`),
        t(`targets.${key}.goal`),
        formatFigure(locale, key, current(key).value),
        metText(locale, current(key).met),
      ]),
    },
    trend: {
      header: [t('reports.col.quarter'), ...targetKeys.map((key) => t(`targets.${key}.name`))],
      rows: data.quarters.map((q, i) => [
        q,
        ...targetKeys.map((key) => formatFigure(locale, key, data.targets[key][i]!.value)),
      ]),
    },
    movers: {
      header: [
        t('reports.col.partner'),
        t('reports.col.previous'),
        t('reports.col.current'),
        t('reports.col.change'),
        t('reports.col.grade'),
      ],
      rows: data.movers.map((m) => [
        m.partnerName,
        formatNumber(locale, m.previous, 1),
        formatNumber(locale, m.current, 1),
        `${m.change >= 0 ? '+' : ''}${formatNumber(locale, m.change, 1)}`,
        m.grade ?? '—',
      ]),
    },
    admissions: {
      header: [t('reports.col.partner'), t('reports.col.kind'), t('reports.col.date')],
      rows: data.admissions.map((a) => [a.partnerName, t('reports.admission'), day(a.decidedAt)]),
    },
    // From the termination cases, and the exits without one (decision 061).
    exits: {
      title: t('reports.exits'),
      header: [
        t('reports.col.partner'),
        t('reports.col.kind'),
        t('reports.col.effectiveDate'),
        t('reports.col.exitSource'),
        t('reports.col.reason'),
        t('reports.col.successor'),
      ],
      rows: data.exits.map((e) => [
        e.partnerName,
        t(`reports.exit.${e.status}`),
        formatDay(locale, e.date) ?? e.date,
        e.recordedBy === 'termination_case'
          ? `${t(`terminations.source.${e.source}`)} · ${t(`terminations.type.${e.type}`)}`
          : t('reports.exit.withoutCase'),
        e.reason ?? '—',
        e.successorName ?? '—',
      ]),
    },
    rectifications: {
      summary: t('reports.rectificationSummary', {
        open: data.rectifications.open,
        overdue: data.rectifications.overdue,
      }),
      header: [t('reports.col.partner'), t('reports.col.description'), t('reports.col.due')],
      rows: data.rectifications.notable.map((r) => [
        r.partnerName,
        r.description,
        formatDay(locale, r.dueDate) ?? r.dueDate,
      ]),
    },
    alerts: {
      summary: t('reports.alertSummary', { total: data.alerts.total, ...data.alerts.byLevel }),
      header: [
        t('reports.col.partner'),
        t('reports.col.rule'),
        t('reports.col.level'),
        t('reports.col.date'),
        t('reports.col.status'),
      ],
      rows: data.alerts.notable.map((a) => [
        a.partnerName,
        locale === 'en' ? a.ruleNameEn : a.ruleNameZh,
        t(`reports.level.${a.level}`),
        day(a.raisedAt),
        t(`risk.alertStatus.${a.status}`),
      ]),
    },
    incidents: {
      summary: t('reports.incidentSummary', { total: data.incidents.total, ...data.incidents.bySeverity }),
      header: [
        t('reports.col.partner'),
        t('reports.col.title'),
        t('reports.col.level'),
        t('reports.col.date'),
        t('reports.col.status'),
      ],
      rows: data.incidents.notable.map((i) => [
        i.partnerName,
        i.title,
        t(`reports.level.${i.severity}`),
        day(i.openedAt),
        t(`risk.incidentStatus.${i.status}`),
      ]),
    },
  };
}

/**
 * The report as a PDF in one language: headline table, one vector chart per target over the last
 * eight quarters (a gap where not measured, the target as a dashed line), then the sections. Chinese
 * is embedded with the CJK font of the pdf package and stays extractable. `generatedAt` is the PDF's
 * date, so the same data renders the same file.
 */
export function reportPdf(data: QuarterlyReportData, locale: Locale, generatedAt: Date) {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const s = sections(data, locale);
  const table = (section: { header: string[]; rows: string[][] }, widths: number[] = []): PdfBlock => ({
    kind: 'table',
    columns: section.header.map((header, i) => ({ header, width: widths[i] ?? 1 })),
    rows: section.rows,
    empty: t('reports.none'),
    fontSize: 9,
  });
  const charts: PdfBlock[] = targetKeys.map((key) => ({
    kind: 'chart',
    type: key === 'satisfaction' ? 'bar' : 'line',
    title: t('reports.chartTitle', { name: t(`targets.${key}.name`) }),
    labels: data.quarters,
    series: [
      {
        name: t(`targets.${key}.name`),
        values: data.targets[key].map((f) => (f.value === null ? null : Math.round(f.value * 1000) / 10)),
      },
    ],
    target: { value: targets[key].target * 100, label: t(`targets.${key}.goal`) },
    unit: '%',
    height: 120,
  }));
  return renderPdf({
    title: `${t('reports.title')} ${data.quarter}`,
    subject: data.quarter,
    language: locale,
    createdAt: generatedAt,
    footer: t('reports.footer', { quarter: data.quarter }),
    blocks: [
      { kind: 'title', text: t('reports.title'), align: 'center' },
      {
        kind: 'paragraph',
        text: t('reports.subtitle', {
          quarter: data.quarter,
          date: formatDay(locale, dayInChina(generatedAt)) ?? '',
        }),
        align: 'center',
        muted: true,
      },
      { kind: 'heading', text: t('reports.section.targets') },
      table(s.targets, [3, 2, 1.5, 1.2]),
      {
        kind: 'paragraph',
        text: data.baseline ? t('reports.baseline', { quarter: data.baseline }) : t('reports.noBaseline'),
        muted: true,
        size: 9,
      },
      ...charts,
      table(s.trend),
      { kind: 'heading', text: t('reports.section.movers') },
      {
        ...(table(s.movers, [3, 1, 1, 1, 1]) as Extract<PdfBlock, { kind: 'table' }>),
        empty: t('reports.noMovers'),
      },
      { kind: 'heading', text: t('reports.section.admissions') },
      table(s.admissions, [3, 1.5, 1.5]),
      { kind: 'paragraph', text: s.exits.title },
      table(s.exits, [2, 1.1, 1.2, 1.8, 2.4, 1.8]),
      { kind: 'heading', text: t('reports.section.rectifications') },
      { kind: 'paragraph', text: s.rectifications.summary },
      table(s.rectifications, [2, 4, 1.2]),
      { kind: 'heading', text: t('reports.section.risk') },
      { kind: 'paragraph', text: s.alerts.summary },
      table(s.alerts, [2, 2.5, 1, 1.2, 1.2]),
      { kind: 'paragraph', text: s.incidents.summary },
      table(s.incidents, [2, 2.5, 1, 1.2, 1.2]),
    ],
  });
}

/** The report as an XLSX workbook in one language: one sheet per section, figures as text as printed. */
export function reportXlsx(data: QuarterlyReportData, locale: Locale) {
  const t = (key: string) => translate(locale, key);
  const s = sections(data, locale);
  return writeXlsxSheets([
    { name: t('reports.sheet.targets'), rows: [s.targets.header, ...s.targets.rows] },
    { name: t('reports.sheet.trend'), rows: [s.trend.header, ...s.trend.rows] },
    { name: t('reports.sheet.movers'), rows: [s.movers.header, ...s.movers.rows] },
    {
      name: t('reports.sheet.admissions'),
      rows: [s.admissions.header, ...s.admissions.rows, [], [s.exits.title], s.exits.header, ...s.exits.rows],
    },
    {
      name: t('reports.sheet.rectifications'),
      rows: [[s.rectifications.summary], s.rectifications.header, ...s.rectifications.rows],
    },
    {
      name: t('reports.sheet.risk'),
      rows: [
        [s.alerts.summary],
        s.alerts.header,
        ...s.alerts.rows,
        [],
        [s.incidents.summary],
        s.incidents.header,
        ...s.incidents.rows,
      ],
    },
  ]);
}

/** The headline figures Slack and the e-mail show, as printed in `locale`. */
export function headlineParams(data: QuarterlyReportData, locale: Locale, notMeasured?: string) {
  const fig = (key: TargetKey) => {
    const value = data.targets[key].at(-1)!.value;
    return value === null && notMeasured !== undefined ? notMeasured : formatFigure(locale, key, value);
  };
  return {
    quarter: data.quarter,
    compliance: fig('compliance'),
    deviation: fig('contract_deviation'),
    satisfaction: fig('satisfaction'),
    response: fig('risk_response'),
    alerts: data.alerts.total,
    incidents: data.incidents.total,
  };
}
