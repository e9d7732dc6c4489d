import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Reporting periods. Days are calendar days in China Standard Time (the insurer's
 * business day): rollups are keyed by that day, and every period is a range of days.
 */
export const ROLLUP_TIME_ZONE = 'Asia/Shanghai';

export const periodKinds = ['month', 'quarter', 'year'] as const;
export type Period = { kind: (typeof periodKinds)[number]; year: number; index: number };

export const periodSchema = z
  .object({
    kind: z.enum(periodKinds),
    year: z.number().int().min(2000).max(2100),
    index: z.number().int().min(1).max(12),
  })
  .refine((p) => p.index <= ({ month: 12, quarter: 4, year: 1 } as const)[p.kind], {
    message: 'The index is out of range for this kind of period.',
    path: ['index'],
  });

const pattern = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** `2026-Q3`, `2026-07` or `2026`. */
export function parsePeriod(text: string): Period {
  const match = pattern.exec(text.trim());
  if (!match) {
    throw new AppError('validation_failed', 'Write the period as 2026-Q3, 2026-07 or 2026.', {
      details: { fields: [{ path: 'period', message: 'Use YYYY-Qn, YYYY-MM or YYYY.' }] },
    });
  }
  const year = Number(match[1]);
  if (match[2]) return { kind: 'quarter', year, index: Number(match[2]) };
  if (match[3]) return { kind: 'month', year, index: Number(match[3]) };
  return { kind: 'year', year, index: 1 };
}

export function formatPeriod(p: Period): string {
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  return String(p.year);
}

const iso = (year: number, month: number) =>
  `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;

/** The period's days as a half-open range [from, to) of `YYYY-MM-DD` dates. */
export function periodDays(p: Period): { from: string; to: string } {
  const firstMonth = p.kind === 'month' ? p.index : p.kind === 'quarter' ? (p.index - 1) * 3 + 1 : 1;
  const months = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12;
  return { from: iso(p.year, firstMonth), to: iso(p.year, firstMonth + months) };
}

/** The quarter the period ends in and the seven before it, oldest first (the trend window). */
export function trailingQuarters(p: Period, count = 8): Period[] {
  const lastMonth = p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 : 12;
  const last = p.year * 4 + Math.ceil(lastMonth / 3) - 1;
  return Array.from({ length: count }, (_, i) => {
    const q = last - (count - 1) + i;
    return { kind: 'quarter' as const, year: Math.floor(q / 4), index: (q % 4) + 1 };
  });
}

// China Standard Time is UTC+8 all year (no daylight saving since 1991), so the calendar
// month there is plain arithmetic — far cheaper than an Intl formatter on every page view.
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The month containing a moment, in China Standard Time. */
export function monthOf(at: Date): Period {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { kind: 'month', year: local.getUTCFullYear(), index: local.getUTCMonth() + 1 };
}

/** The quarter containing a moment, in China Standard Time. */
export function quarterOf(at: Date): Period {
  const { year, index: month } = monthOf(at);
  return { kind: 'quarter', year, index: Math.ceil(month / 3) };
}

/**
 * Whether a period has not yet ended in China Standard Time at `now`: its figures are still
 * growing, so its score and grade are provisional (decision 024). A future period is too.
 */
export function isProvisional(p: Period, now: Date = new Date()): boolean {
  const { to } = periodDays(p);
  // The period ends at midnight China time on `to`, i.e. 16:00 UTC the day before.
  return now.getTime() < Date.parse(`${to}T00:00:00+08:00`);
}
