import { type TrainingCategory, trainingCategories } from '@outpost/db';

/** The annual rule of a service category, in minutes (36 h = 2160 min). */
export interface AnnualRule {
  totalMinutes: number;
  categoryMinutes: Partial<Record<TrainingCategory, number>>;
}

/**
 * The reference rule for insurance sales staff in China: 36 hours of continuing education a year,
 * at least 12 of them on law and professional ethics. Other categories start from the same rule;
 * staff change them per service category.
 */
export const referenceRule: AnnualRule = { totalMinutes: 36 * 60, categoryMinutes: { law_ethics: 12 * 60 } };

const utcDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/**
 * What one person owes for `year`: the full rule, or for someone who started during the year the
 * share of the year left from their start date (a person starting 1 July owes about half), rounded
 * up to whole minutes so that a requirement is never met by rounding. With `asOf`, what they should
 * have done by the end of that day at an even pace (the year's requirement for the elapsed share):
 * the measure of the `training_compliance` KPI during the year.
 */
export function requirementFor(rule: AnnualRule, startDate: string, year: number, asOf?: string): AnnualRule {
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  const start = Math.max(utcDay(startDate), yearStart);
  const until = asOf === undefined ? yearEnd : Math.min(utcDay(asOf) + 86_400_000, yearEnd);
  if (start >= until) return { totalMinutes: 0, categoryMinutes: {} };
  const share = (until - start) / (yearEnd - yearStart);
  const scale = (minutes: number) => Math.ceil(Math.round(minutes * share * 1000) / 1000);
  const categoryMinutes: Partial<Record<TrainingCategory, number>> = {};
  for (const category of trainingCategories) {
    const minutes = rule.categoryMinutes[category];
    if (minutes) categoryMinutes[category] = scale(minutes);
  }
  return { totalMinutes: scale(rule.totalMinutes), categoryMinutes };
}

export interface Progress {
  doneMinutes: number;
  requiredMinutes: number;
  categories: { category: TrainingCategory; doneMinutes: number; requiredMinutes: number }[];
  /** Every line met: the total and each category's minimum. */
  met: boolean;
}

/** Hours done against what is owed, in total and per training category. */
export function progressAgainst(
  requirement: AnnualRule,
  completions: readonly { category: TrainingCategory; minutes: number }[],
): Progress {
  const done = new Map<TrainingCategory, number>();
  let doneMinutes = 0;
  for (const c of completions) {
    done.set(c.category, (done.get(c.category) ?? 0) + c.minutes);
    doneMinutes += c.minutes;
  }
  const categories = trainingCategories
    .filter((category) => (requirement.categoryMinutes[category] ?? 0) > 0 || done.has(category))
    .map((category) => ({
      category,
      doneMinutes: done.get(category) ?? 0,
      requiredMinutes: requirement.categoryMinutes[category] ?? 0,
    }));
  const met =
    doneMinutes >= requirement.totalMinutes && categories.every((c) => c.doneMinutes >= c.requiredMinutes);
  return { doneMinutes, requiredMinutes: requirement.totalMinutes, categories, met };
}

/** `ABC12345678` → `AB•••••••78`: enough to tell people apart in a list, not enough to misuse. */
export function maskStaffNumber(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return '•'.repeat(chars.length);
  return `${chars.slice(0, 2).join('')}${'•'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}
