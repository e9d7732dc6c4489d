import { formatNumber, type Locale, type Translate } from '@outpost/i18n';

type Unit = 'rating' | 'percent' | 'per_thousand';

/** A KPI value with its unit in the reader's language ("4.52 分（满分 5）", "96.1%"). */
export function formatKpiValue(locale: Locale, t: Translate, value: number | null, unit: string): string {
  if (value === null) return t('kpi_status.no_data');
  const digits = unit === 'rating' ? 2 : 1;
  const n = formatNumber(locale, value, digits);
  if ((unit as Unit) === 'percent') return `${n}%`;
  return `${n} ${t(`kpi_unit.${unit}` as never)}`;
}

export function formatScore(locale: Locale, score: number | null): string {
  return score === null ? '—' : formatNumber(locale, score, 1);
}

/** How a KPI status looks; the text always goes with it. */
export const statusTone = {
  met: 'positive',
  below_target: 'info',
  warning: 'caution',
  critical: 'negative',
  no_data: 'neutral',
} as const;

/** The mark shown before a status's words (hidden from screen readers: the words say it). */
export const statusMark = {
  met: '✓',
  below_target: '↓',
  warning: '!',
  critical: '✕',
  no_data: '–',
} as const satisfies Record<keyof typeof statusTone, string>;

/** A KPI's name in the reader's language. */
export const kpiName = (locale: Locale, kpi: { nameZh: string; nameEn: string }) =>
  locale === 'en' ? kpi.nameEn : kpi.nameZh;
