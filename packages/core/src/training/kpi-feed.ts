import { type Database, kpiMonthlyRollups, partners, trainingPeople } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { trainingCompliance } from './compliance.ts';

/**
 * Writes each active partner's training compliance on `asOf` into its monthly rollup row, where the
 * scorecard, the ranking, peer percentiles and quarterly reviews read every KPI. Run daily: the
 * running month holds the latest figure and a past month keeps the figure of its last run (its
 * last day). Setting, not adding, so running it twice on a day changes nothing.
 */
export async function recordTrainingCompliance(db: Database, asOf = todayInChina()) {
  const month = `${asOf.slice(0, 7)}-01`;
  const withRoster = await db
    .selectDistinct({ id: partners.id })
    .from(partners)
    .innerJoin(
      trainingPeople,
      and(eq(trainingPeople.partnerId, partners.id), isNull(trainingPeople.removedAt)),
    )
    .where(eq(partners.status, 'active'));
  let recorded = 0;
  for (const { id } of withRoster) {
    const figure = await trainingCompliance(db, id, asOf);
    if (!figure) continue;
    await db
      .insert(kpiMonthlyRollups)
      .values({ partnerId: id, month, trainingPeople: figure.people, trainingMet: figure.meeting })
      .onConflictDoUpdate({
        target: [kpiMonthlyRollups.partnerId, kpiMonthlyRollups.month],
        set: { trainingPeople: sql`excluded.training_people`, trainingMet: sql`excluded.training_met` },
      });
    recorded += 1;
  }
  return { partners: recorded, month };
}
