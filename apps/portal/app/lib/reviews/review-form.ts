import { formatNumber } from '@outpost/i18n';
import { reviewDecisions } from '@outpost/db';

export type ReviewDecision = (typeof reviewDecisions)[number];

/**
 * The items editor posts parallel lists (`itemDescription`, `itemDue`), one pair per row;
 * rows left wholly blank are the spare rows and are dropped, half-filled ones are kept so
 * core can name what is missing.
 */
export function itemsFromForm(form: FormData): { description: string; dueDate: string }[] {
  const descriptions = form.getAll('itemDescription').map((v) => (typeof v === 'string' ? v.trim() : ''));
  const dues = form.getAll('itemDue').map((v) => (typeof v === 'string' ? v.trim() : ''));
  const rows = Math.max(descriptions.length, dues.length);
  const items: { description: string; dueDate: string }[] = [];
  for (let i = 0; i < rows; i++) {
    const description = descriptions[i] ?? '';
    const dueDate = dues[i] ?? '';
    if (description || dueDate) items.push({ description, dueDate });
  }
  return items;
}

/** A decision from the form; '' (not decided yet) is null, anything unknown is null too. */
export function decisionFromForm(form: FormData): ReviewDecision | null {
  const value = form.get('decision');
  return typeof value === 'string' && (reviewDecisions as readonly string[]).includes(value)
    ? (value as ReviewDecision)
    : null;
}

/** The quarters staff may draft from the portal: the one just ended and the three before it. */
export function draftableQuarters(previous: string): string[] {
  const [year, q] = [Number(previous.slice(0, 4)), Number(previous.slice(-1))];
  return Array.from({ length: 4 }, (_, i) => {
    const n = year * 4 + (q - 1) - i;
    return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
  });
}

/** A KPI value in its unit, for reading (the snapshot keeps the raw number). */
export function formatKpiNumber(locale: string, value: number | null, unit: string): string | null {
  if (value === null) return null;
  const digits = unit === 'rating' ? 2 : 1;
  const text = formatNumber(locale, value, digits);
  return unit === 'percent' ? `${text}%` : unit === 'per_thousand' ? `${text}‰` : text;
}
