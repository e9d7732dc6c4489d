import { type Actor, asAppError, listMyCourses, myYearProgress } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDay, type Locale, todayInChina } from '@outpost/i18n';

/** Minutes as hours for people: 90 → "1.5". */
export const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/**
 * The learner's training page: their courses and their hours this year. A partner user who is not
 * on the roster gets `onRoster: false` (they can do nothing here until their administrator adds them).
 */
export async function loadMyTraining(db: Database, actor: Actor, locale: Locale) {
  const year = Number(todayInChina().slice(0, 4));
  try {
    const [courses, progress] = await Promise.all([
      listMyCourses(db, actor),
      myYearProgress(db, actor, year),
    ]);
    return {
      onRoster: true as const,
      year,
      courses: courses.map((c) => ({
        courseId: c.courseId,
        title: locale === 'en' ? c.titleEn : c.titleZh,
        category: c.category,
        hours: hours(c.creditMinutes),
        due: formatDay(locale, c.dueDate) ?? c.dueDate,
        status: c.status,
        attemptsUsed: c.attemptsUsed,
        attemptLimit: c.attemptLimit,
        completedOn: formatDay(locale, c.completedOn),
      })),
      progress: progress
        ? {
            met: progress.met,
            total: { done: progress.doneMinutes, required: progress.requiredMinutes },
            categories: progress.categories.map((c) => ({
              category: c.category,
              done: c.doneMinutes,
              required: c.requiredMinutes,
            })),
          }
        : null,
    };
  } catch (raw) {
    if (asAppError(raw)?.messageKey === 'errors.training.not_on_roster')
      return { onRoster: false as const, year };
    throw raw;
  }
}
