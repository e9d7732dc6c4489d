import { addDays, todayInChina } from '@outpost/i18n';
import { isProvisional, periodDays } from '../performance/periods.ts';
import { parseQuarter } from '../reviews/quarters.ts';

/** A quarter's China days [from, to), its last day, and whether it is still running on `now`. */
export function quarterSpan(quarter: string, now = new Date()) {
  const period = parseQuarter(quarter);
  const { from, to } = periodDays(period);
  const running = isProvisional(period, now);
  const today = todayInChina(now);
  return {
    quarter,
    from,
    to,
    lastDay: addDays(to, -1),
    running,
    /** A quarter that has not started yet. */
    future: from > today,
    /** The first day of each of its three months. */
    months: [0, 1, 2].map(
      (i) => `${from.slice(0, 5)}${String(Number(from.slice(5, 7)) + i).padStart(2, '0')}-01`,
    ),
  };
}
