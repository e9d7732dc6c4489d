import { useT } from '../../lib/i18n';

/** A rule's parameters in one sentence ("Processing timeliness over 7 days beyond the critical threshold"). */
export function RuleSummary({
  kind,
  params,
  kpiName,
}: {
  kind: string;
  params: Record<string, unknown>;
  kpiName: (key: string) => string;
}) {
  const t = useT();
  const n = (k: string) => (typeof params[k] === 'number' ? (params[k] as number) : 0);
  const kpi = typeof params.kpiKey === 'string' ? kpiName(params.kpiKey) : '';
  switch (kind) {
    case 'kpi_threshold':
      return (
        <>
          {t('risk.rules.summary.kpi_threshold', {
            kpi,
            days: n('windowDays'),
            breach: t(
              params.breach === 'critical'
                ? 'risk.rules.field.breach.critical'
                : 'risk.rules.field.breach.warning',
            ),
          })}
        </>
      );
    case 'kpi_sudden_change':
      return (
        <>
          {t('risk.rules.summary.kpi_sudden_change', { kpi, sigma: n('sigma'), weeks: n('trailingWeeks') })}
        </>
      );
    case 'document_expiry':
      return <>{t('risk.rules.summary.document_expiry', { days: n('withinDays') })}</>;
    case 'blacklist_hit':
      return <>{t('risk.rules.summary.blacklist_hit')}</>;
    case 'training_compliance':
      return <>{t('risk.rules.summary.training_compliance', { percent: n('belowPercent') })}</>;
    case 'contract_lapsing':
      return (
        <>
          {t('risk.rules.summary.contract_lapsing', {
            days: n('withinDays'),
            none: params.includeNoContract === true ? 'yes' : 'no',
          })}
        </>
      );
    case 'concentration':
      return (
        <>
          {t('risk.rules.summary.concentration', {
            percent: n('abovePercent'),
            days: n('windowDays'),
            min: n('minCategoryVolume'),
          })}
        </>
      );
    default:
      return null;
  }
}
