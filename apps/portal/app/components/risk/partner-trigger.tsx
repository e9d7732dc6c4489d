import { formatDay, formatNumber } from '@outpost/i18n';
import { useLocale, useT } from '../../lib/i18n';
import { contractConcentrationRows } from './contract-concentration-evidence';

type Trigger = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * What triggered a shared alert, as the partner may read it: its own figures only (core strips
 * thresholds, the rule and console links before they reach the page — decision record 036).
 */
type Kind =
  | 'kpi_threshold'
  | 'kpi_sudden_change'
  | 'document_expiry'
  | 'blacklist_hit'
  | 'training_compliance'
  | 'contract_lapsing'
  | 'concentration';

export function PartnerTrigger({ kind, trigger }: { kind: Kind; trigger: Trigger }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: unknown) => formatNumber(locale, num(v), 2);
  const rows: [string, string][] = [[t('risk-partner.list.alert'), t(`risk.kind.${kind}`)]];
  if (kind === 'kpi_threshold' || kind === 'kpi_sudden_change') {
    const unit = trigger.unit === 'percent' ? '%' : trigger.unit === 'per_thousand' ? '‰' : '';
    rows.push([
      t('risk-partner.trigger.kpi'),
      locale === 'en' ? str(trigger.kpiNameEn) : str(trigger.kpiNameZh),
    ]);
    rows.push([t('risk-partner.trigger.value'), `${n(trigger.value)}${unit}`]);
    rows.push([t('risk.evidence.sample'), n(trigger.sampleSize)]);
    if (kind === 'kpi_threshold' && trigger.from) {
      rows.push([
        t('risk-partner.trigger.period'),
        t('risk.evidence.windowValue', {
          from: formatDay(locale, str(trigger.from)) ?? str(trigger.from),
          to: formatDay(locale, str(trigger.to)) ?? str(trigger.to),
        }),
      ]);
    }
    if (kind === 'kpi_sudden_change') rows.push([t('risk.evidence.mean'), `${n(trigger.mean)}${unit}`]);
  } else if (kind === 'document_expiry') {
    const days = num(trigger.daysLeft);
    rows.push([
      t('risk.evidence.document'),
      locale === 'en' ? str(trigger.requirementNameEn) : str(trigger.requirementNameZh),
    ]);
    rows.push([
      t('risk.evidence.expiryDate'),
      `${formatDay(locale, str(trigger.expiryDate)) ?? ''} · ${
        days < 0 ? t('risk.evidence.expiredDays', { days: -days }) : t('risk.evidence.daysLeft', { days })
      }`,
    ]);
  } else if (kind === 'blacklist_hit') {
    rows.push([t('risk.evidence.listedName'), str(trigger.listedName)]);
  } else if (kind === 'training_compliance') {
    rows.push([t('risk.evidence.compliance'), `${n(trigger.percent)} %`]);
    rows.push([
      t('risk.evidence.sample'),
      t('risk.evidence.people', { meeting: num(trigger.meeting), people: num(trigger.people) }),
    ]);
  } else {
    rows.push(...(contractConcentrationRows(kind, trigger, t, locale)?.rows ?? []));
  }
  return (
    <dl className="stack">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
