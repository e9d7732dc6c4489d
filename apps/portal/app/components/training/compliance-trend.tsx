import { useId } from 'react';
import { useLocale, useT } from '../../lib/i18n';
import { trendGeometry, trendSvgContent } from '../../lib/performance/chart';
import { formatShare } from '../../lib/training/format';

/**
 * Training compliance by month as the same server-rendered SVG as the scorecard trend (0–100 %,
 * a gap where a month has no figure); a screen reader gets a summary and the numbers in a table.
 */
export function ComplianceTrend({ trend }: { trend: { month: string; share: number | null }[] }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  if (trend.length === 0) return <p className="muted">{t('training-dashboard.trendEmpty')}</p>;
  const g = trendGeometry(
    trend.map((p) => ({ period: p.month, score: p.share === null ? null : p.share * 100 })),
  );
  const summary = t('training-dashboard.trendSummary', {
    from: trend[0]!.month,
    to: trend.at(-1)!.month,
    first: formatShare(locale, trend[0]!.share),
    last: formatShare(locale, trend.at(-1)!.share),
  });
  return (
    <figure className="trend-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${g.width} ${g.height}`}
        className="trend-chart__svg"
        preserveAspectRatio="xMidYMid meet"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: numbers and escaped text (trendSvgContent).
        dangerouslySetInnerHTML={{ __html: trendSvgContent(g, { id: `${id}-title`, text: summary }) }}
      />
      <figcaption className="muted">{t('training-dashboard.trendCaption')}</figcaption>
      <table className="visually-hidden">
        <caption>{t('training-dashboard.trendTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training-dashboard.month')}</th>
            <th scope="col">{t('training-dashboard.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((p) => (
            <tr key={p.month}>
              <th scope="row">{p.month}</th>
              <td>{formatShare(locale, p.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
