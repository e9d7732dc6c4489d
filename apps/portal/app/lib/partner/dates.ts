import { todayInChina } from '@outpost/i18n';

/** Days from today (in China) until a 'YYYY-MM-DD' date; negative once it has passed. */
export function daysUntil(isoDate: string, now = new Date()): number {
  return Math.round(
    (Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) - Date.parse(`${todayInChina(now)}T00:00:00Z`)) /
      86_400_000,
  );
}
