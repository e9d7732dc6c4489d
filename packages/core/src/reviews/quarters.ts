import { todayInChina } from '@outpost/i18n';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { formatPeriod, type Period, parsePeriod, periodDays, quarterOf } from '../performance/periods.ts';

/** A quarter written `2026-Q3`; months and years are refused (reviews are quarterly). */
export const quarterText = z
  .string()
  .trim()
  .regex(/^\d{4}-Q[1-4]$/, 'Write the quarter as 2026-Q3.');

export function parseQuarter(text: string): Period {
  const period = parsePeriod(text);
  if (period.kind !== 'quarter') {
    throw new AppError('validation_failed', 'Write the quarter as 2026-Q3.', {
      details: { fields: [{ path: 'quarter', message: 'Use YYYY-Qn.' }] },
    });
  }
  return period;
}

/** The quarter before the one containing `now` (China Standard Time): the one a new quarter reviews. */
export function previousQuarter(now = new Date()): string {
  const q = quarterOf(now);
  return formatPeriod(
    q.index === 1 ? { kind: 'quarter', year: q.year - 1, index: 4 } : { ...q, index: q.index - 1 },
  );
}

/** True once every day of the quarter is over in China. */
export function quarterHasEnded(period: Period, now = new Date()): boolean {
  return periodDays(period).to <= todayInChina(now);
}
