import { useId } from 'react';
import { useLocale, useT } from '../../lib/i18n';
import { trendGeometry, trendSvgContent } from '../../lib/performance/chart';
import { formatShare } from '../../lib/training/format';

/**
 * One target's last eight quarters: the portal's chart module (server-rendered SVG, 0–100, a gap
 * where the figure was not measured, the running quarter hollow).
 */
export function TargetTrend({
  name,
  points,
  caption,
}: {
  name: string;
  points: { quarter: string; share: number | null; running: boolean }[];
  caption: string;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const g = trendGeometry(
    points.map((p) => ({
      period: p.quarter,
      score: p.share === null ? null : Math.max(0, Math.min(100, p.share * 100)),
      provisional: p.running,
    })),
  );
  const summary = t('targets.chartSummary', {
    name,
    from: points[0]?.quarter ?? '',
    to: points.at(-1)?.quarter ?? '',
    first: formatShare(locale, points[0]?.share ?? null),
    last: formatShare(locale, points.at(-1)?.share ?? null),
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
        dangerouslySetInnerHTML={{
          __html: trendSvgContent(g, { id: `${id}-title`, text: summary }, t('targets.running')),
        }}
      />
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
