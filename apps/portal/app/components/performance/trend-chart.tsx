import { useId } from 'react';
import { useLocale, useT } from '../../lib/i18n';
import { type TrendPoint, trendGeometry, trendSvgContent } from '../../lib/performance/chart';
import { formatScore } from '../../lib/performance/format';

/**
 * The overall score over the last eight quarters as server-rendered SVG (no chart library,
 * nothing to hydrate). Screen readers get a one-sentence summary as the image's name and
 * the numbers in a visually hidden table right after it.
 */
export function TrendChart({ trend }: { trend: (TrendPoint & { grade: string | null })[] }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const g = trendGeometry(trend);
  const scored = trend.filter((p) => p.score !== null);
  const summary =
    scored.length === 0
      ? t('performance.trend.summaryEmpty', { from: trend[0]?.period ?? '', to: trend.at(-1)?.period ?? '' })
      : t('performance.trend.summary', {
          from: trend[0]?.period ?? '',
          to: trend.at(-1)?.period ?? '',
          first: formatScore(locale, scored[0]!.score),
          last: formatScore(locale, scored.at(-1)!.score),
          count: scored.length,
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
          __html: trendSvgContent(
            g,
            { id: `${id}-title`, text: summary },
            t('performance.provisional.inProgress'),
          ),
        }}
      />
      <figcaption className="muted">{t('performance.trend.caption')}</figcaption>
      {/* The wrapper hides the table: a table grows to its content whatever its own width, and would widen a phone's page. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('performance.trend.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('performance.period.label')}</th>
              <th scope="col">{t('performance.score')}</th>
              <th scope="col">{t('performance.grade')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((p) => (
              <tr key={p.period}>
                <th scope="row">
                  {p.provisional ? t('performance.trend.inProgress', { period: p.period }) : p.period}
                </th>
                <td>{p.score === null ? t('kpi_status.no_data') : formatScore(locale, p.score)}</td>
                <td>
                  {p.grade ?? '—'}
                  {p.grade && p.provisional
                    ? t('common.parenthetical', { text: t('performance.provisional.grade') })
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
