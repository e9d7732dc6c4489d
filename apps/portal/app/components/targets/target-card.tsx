import type { ReactNode } from 'react';
import { useLocale, useT } from '../../lib/i18n';
import { formatShare } from '../../lib/training/format';
import { TargetTrend } from './target-trend';

export type TargetKey = 'compliance' | 'contract_deviation' | 'satisfaction' | 'risk_response';

// Built once per locale: an Intl formatter costs tens of microseconds, and the partner table
// formats a change per row (packages/i18n/src/format.ts).
const changeFormats = new Map<string, Intl.NumberFormat>();

/** A signed change in per cent ("+10%"), or a dash. */
export function formatChange(locale: string, change: number | null) {
  if (change === null) return '—';
  let format = changeFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    changeFormats.set(locale, format);
  }
  return format.format(change);
}

/** One target: its value for the quarter, the target, met or not, its definition beside it, its trend. */
export function TargetCard({
  name,
  value,
  met,
  running,
  goal,
  definition,
  detail,
  drillHref,
  trend,
  caption,
  testId,
  children,
}: {
  name: string;
  value: string | null;
  met: boolean | null;
  running: boolean;
  goal: string;
  definition: string;
  detail?: string | null;
  drillHref?: string | null;
  trend: { quarter: string; share: number | null; running: boolean }[];
  caption: string;
  testId: string;
  children?: ReactNode;
}) {
  const t = useT();
  const id = `target-${testId}`;
  return (
    <section className="card stack" aria-labelledby={id} data-testid={`target-${testId}`}>
      <h2 id={id}>{name}</h2>
      <div className="staff-row">
        <dl className="risk-response__figures">
          <div>
            <dt>{t('targets.value')}</dt>
            <dd data-testid={`target-${testId}-value`}>
              {value ?? t('targets.notMeasured')}
              {running && value !== null ? t('common.parenthetical', { text: t('targets.running') }) : ''}
            </dd>
          </div>
          <div>
            <dt>{t('targets.goal')}</dt>
            <dd>{goal}</dd>
          </div>
          {met !== null ? (
            <div>
              <dt>{met ? t('targets.met') : t('targets.missed')}</dt>
              <dd>{met ? '✓' : '✗'}</dd>
            </div>
          ) : null}
        </dl>
        <p className="muted">
          <strong>{t('targets.definition')}: </strong>
          {definition}
        </p>
      </div>
      {detail ? <p>{detail}</p> : null}
      {children}
      {drillHref ? (
        <p>
          <a href={drillHref}>{t('targets.drill')}</a>
        </p>
      ) : null}
      <h3>{t('targets.trend')}</h3>
      <TargetTrend name={name} points={trend} caption={caption} />
    </section>
  );
}

export const useShare = () => {
  const locale = useLocale();
  return (s: number | null) => (s === null ? null : formatShare(locale, s));
};
