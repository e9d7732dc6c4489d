import { formatDay, formatNumber } from '@outpost/i18n';
import { AppLink } from '../app-link';
import { useLocale, useT } from '../../lib/i18n';
import { contractConcentrationRows } from './contract-concentration-evidence';

type Evidence = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The numbers behind an alert, labelled per rule kind, with the link to where they come from. */
export function AlertEvidence({ kind, evidence }: { kind: string; evidence: Evidence }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: unknown) => formatNumber(locale, num(v), 2);
  const rows: [string, string][] = [];
  let linkText = t('risk.evidence.open');
  if (kind === 'kpi_threshold' || kind === 'kpi_sudden_change') {
    // The KPI's own unit after each of its values (a rating has none).
    const unit = evidence.unit === 'percent' ? '%' : evidence.unit === 'per_thousand' ? '‰' : '';
    const v = (x: unknown) => `${n(x)}${unit}`;
    const name = locale === 'en' ? str(evidence.kpiNameEn) : str(evidence.kpiNameZh);
    rows.push([t('risk.rules.field.kpiKey'), name]);
    rows.push([t('risk.evidence.value'), v(evidence.value)]);
    rows.push([t('risk.evidence.sample'), n(evidence.sampleSize)]);
    if (kind === 'kpi_threshold') {
      rows.push([t('risk.evidence.threshold'), v(evidence.threshold)]);
      rows.push([t('risk.evidence.target'), v(evidence.target)]);
      rows.push([
        t('risk.evidence.window'),
        t('risk.evidence.windowValue', {
          from: formatDay(locale, str(evidence.from)) ?? str(evidence.from),
          to: formatDay(locale, str(evidence.to)) ?? str(evidence.to),
        }),
      ]);
    } else {
      rows.push([t('risk.evidence.mean'), v(evidence.mean)]);
      rows.push([t('risk.evidence.deviations'), n(evidence.deviations)]);
      rows.push([t('risk.evidence.weeks'), n(evidence.weeks)]);
    }
    linkText = t('risk.evidence.openScorecard');
  } else if (kind === 'document_expiry') {
    const days = num(evidence.daysLeft);
    rows.push([
      t('risk.evidence.document'),
      locale === 'en' ? str(evidence.requirementNameEn) : str(evidence.requirementNameZh),
    ]);
    rows.push([
      t('risk.evidence.expiryDate'),
      `${formatDay(locale, str(evidence.expiryDate)) ?? ''} · ${
        days < 0 ? t('risk.evidence.expiredDays', { days: -days }) : t('risk.evidence.daysLeft', { days })
      }`,
    ]);
    linkText = t('risk.evidence.openDocument');
  } else if (kind === 'blacklist_hit') {
    rows.push([t('risk.evidence.listedName'), str(evidence.listedName)]);
    rows.push([t('risk.evidence.listedReason'), str(evidence.reason)]);
    linkText = t('risk.evidence.openBlacklist');
  } else if (kind === 'training_compliance') {
    rows.push([t('risk.evidence.compliance'), `${n(evidence.percent)} %`]);
    rows.push([
      t('risk.evidence.sample'),
      t('risk.evidence.people', { meeting: num(evidence.meeting), people: num(evidence.people) }),
    ]);
    rows.push([t('risk.evidence.threshold'), `${n(evidence.threshold)} %`]);
    linkText = t('risk.evidence.openTraining');
  } else {
    const other = contractConcentrationRows(kind, evidence, t, locale);
    if (other) {
      rows.push(...other.rows);
      linkText = other.linkText;
    }
  }
  const href = str(evidence.href);
  return (
    <>
      <dl className="stack">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {href.startsWith('/s/') ? (
        <p>
          <AppLink to={href}>{linkText}</AppLink>
        </p>
      ) : null}
    </>
  );
}
