import { useId } from 'react';
import { useLocale, useT } from '../../lib/i18n';
import { trendGeometry, trendSvgContent } from '../../lib/performance/chart';
import { formatShare } from '../../lib/training/format';

/**
 * One level's share of alerts answered within their deadline, by month: the portal's one chart
 * module (server-rendered SVG, 0–100 %, a gap where no alert was due), with the numbers in a table
 * for screen readers.
 */
export function ResponseTrend({
  level,
  months,
}: {
  level: 'notice' | 'warning' | 'critical';
  months: { month: string; share: number | null }[];
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const g = trendGeometry(
    months.map((p) => ({ period: p.month, score: p.share === null ? null : p.share * 100 })),
  );
  const summary = t('risk-response.chartSummary', {
    level: t(`risk.level.${level}`),
    from: months[0]?.month ?? '',
    to: months.at(-1)?.month ?? '',
    first: formatShare(locale, months[0]?.share ?? null),
    last: formatShare(locale, months.at(-1)?.share ?? null),
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
      <figcaption className="muted">{t('risk-response.chartCaption')}</figcaption>
    </figure>
  );
}
