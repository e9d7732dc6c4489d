import { formatPeriod, monthOf, type Period, parsePeriod, quarterOf } from '@outpost/core';

/** The period in the query string, or the current quarter; a hand-edited bad value falls back, never errors. */
export function periodParam(params: URLSearchParams, now = new Date()): Period {
  const text = params.get('period');
  if (text) {
    try {
      return parsePeriod(text);
    } catch {
      // fall through to the current quarter
    }
  }
  return quarterOf(now);
}

/** The period `steps` months/quarters/years away. */
export function shiftPeriod(p: Period, steps: number): Period {
  const per = { month: 12, quarter: 4, year: 1 }[p.kind];
  const n = p.year * per + (p.index - 1) + steps;
  return { kind: p.kind, year: Math.floor(n / per), index: (n % per) + 1 };
}

/**
 * The same moment as another kind of period: the year keeps its last quarter/month in view
 * when narrowing (so switching kinds stays near the period being read).
 */
export function asKind(p: Period, kind: Period['kind']): Period {
  const lastMonth = p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 : 12;
  if (kind === 'year') return { kind, year: p.year, index: 1 };
  if (kind === 'quarter') return { kind, year: p.year, index: Math.ceil(lastMonth / 3) };
  return { kind, year: p.year, index: lastMonth };
}

export interface PeriodLinks {
  label: string;
  kind: Period['kind'];
  previous: string;
  next: string | null;
  kinds: { kind: Period['kind']; label: string; current: boolean }[];
}

/** The period of this kind that contains `now` (China Standard Time, as the rollups). */
export function currentPeriod(kind: Period['kind'], now = new Date()): Period {
  return asKind(monthOf(now), kind);
}

/** What the period switcher shows: the period, its neighbours (none after the current one) and the three kinds. */
export function periodLinks(p: Period, now = new Date()): PeriodLinks {
  const latest = currentPeriod(p.kind, now);
  const next = shiftPeriod(p, 1);
  const after = next.year * 100 + next.index > latest.year * 100 + latest.index;
  return {
    label: formatPeriod(p),
    kind: p.kind,
    previous: formatPeriod(shiftPeriod(p, -1)),
    next: after ? null : formatPeriod(next),
    kinds: (['month', 'quarter', 'year'] as const).map((kind) => ({
      kind,
      label: formatPeriod(asKind(p, kind)),
      current: kind === p.kind,
    })),
  };
}
