import { formatDay, formatNumber, type Locale, type Translate } from '@outpost/i18n';

type Evidence = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * The labelled rows of a contract-lapsing or concentration alert's evidence (decision record 041),
 * and the text of its link; shared by the staff evidence and the partner's trigger (which gets the
 * partner-visible fields only, so `top` is never there).
 */
export function contractConcentrationRows(
  kind: string,
  evidence: Evidence,
  t: Translate,
  locale: Locale,
): { rows: [string, string][]; linkText: string } | null {
  const n = (v: unknown) => formatNumber(locale, num(v), 1);
  const rows: [string, string][] = [];
  if (kind === 'contract_lapsing') {
    const state = ['ending', 'expired', 'none'].includes(str(evidence.state))
      ? str(evidence.state)
      : 'ending';
    rows.push([t('risk.evidence.contractState'), t(`risk.evidence.contractState.${state}` as never)]);
    if (evidence.serviceCategory) {
      rows.push([t('risk.evidence.category'), t(`category.${str(evidence.serviceCategory)}` as never)]);
    }
    if (state !== 'none') {
      const days = num(evidence.daysLeft);
      rows.push([t('risk.evidence.contract'), str(evidence.reference)]);
      rows.push([
        t('risk.evidence.contractEnd'),
        `${formatDay(locale, str(evidence.endDate)) ?? str(evidence.endDate)} · ${
          days < 0 ? t('risk.evidence.expiredDays', { days: -days }) : t('risk.evidence.daysLeft', { days })
        }`,
      ]);
    }
    return {
      rows,
      linkText: t(state === 'none' ? 'risk.evidence.openPartner' : 'risk.evidence.openContract'),
    };
  }
  if (kind === 'concentration') {
    rows.push([t('risk.evidence.category'), t(`category.${str(evidence.serviceCategory)}` as never)]);
    rows.push([t('risk.evidence.share'), `${n(evidence.percent)} %`]);
    if (typeof evidence.threshold === 'number')
      rows.push([t('risk.evidence.shareThreshold'), `${n(evidence.threshold)} %`]);
    rows.push([t('risk.evidence.partnerVolume'), n(evidence.partnerVolume)]);
    rows.push([t('risk.evidence.categoryVolume'), n(evidence.categoryVolume)]);
    if (typeof evidence.partners === 'number')
      rows.push([t('risk.evidence.partnerCount'), n(evidence.partners)]);
    if (evidence.from) {
      rows.push([
        t('risk.evidence.window'),
        t('risk.evidence.windowValue', {
          from: formatDay(locale, str(evidence.from)) ?? str(evidence.from),
          to: formatDay(locale, str(evidence.to)) ?? str(evidence.to),
        }),
      ]);
    }
    if (Array.isArray(evidence.top) && evidence.top.length > 0) {
      rows.push([
        t('risk.evidence.topPartners'),
        (evidence.top as Evidence[])
          .map((p) =>
            t('risk.evidence.topEntry', {
              name: str(p.legalName),
              volume: n(p.volume),
              percent: n(p.percent),
            }),
          )
          .join(locale === 'en' ? '; ' : '；'),
      ]);
    }
    return { rows, linkText: t('risk.evidence.openRanking') };
  }
  return null;
}
