import {
  type Database,
  kpiMonthlyRollups,
  partners,
  trainingPeople,
  trainingPortfolioMonths,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { trainingCompliance } from './compliance.ts';
import { overdueCounts } from './dashboard.ts';
import { confirmationByPartner } from './notices/confirmation-rates.ts';

/**
 * Writes each active partner's training compliance on `asOf` into its monthly rollup row, where the
 * scorecard, the ranking, peer percentiles and quarterly reviews read every KPI, with the figures
 * the staff dashboard shows beside it: people overdue on an assignment and notice confirmations
 * owed and made (decision record 033). Run daily: the running month holds the latest figures and a
 * past month keeps those of its last run (its last day). Setting, not adding, so running it twice
 * on a day changes nothing.
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
  for (let i = 0; i < withRoster.length; i += 200) {
    const ids = withRoster.slice(i, i + 200).map((p) => p.id);
    const [overdue, confirmation] = await Promise.all([
      overdueCounts(db, ids, asOf),
      confirmationByPartner(db, ids, asOf),
    ]);
    for (const id of ids) {
      const figure = await trainingCompliance(db, id, asOf);
      if (!figure) continue;
      const notices = confirmation.get(id);
      const values = {
        trainingPeople: figure.people,
        trainingMet: figure.meeting,
        trainingOverdue: overdue.get(id) ?? 0,
        noticesOwed: notices?.owed ?? 0,
        noticesConfirmed: notices?.confirmed ?? 0,
      };
      await db
        .insert(kpiMonthlyRollups)
        .values({ partnerId: id, month, ...values })
        .onConflictDoUpdate({ target: [kpiMonthlyRollups.partnerId, kpiMonthlyRollups.month], set: values });
      recorded += 1;
    }
  }
  await recordPortfolioMonth(db, month);
  return { partners: recorded, month };
}

/**
 * The portfolio's month for the dashboard's trend, from the partners' rollup rows of that month:
 * replaced as a whole, so a rerun or a partner that left changes the sums, never adds to them.
 * Exported for the benchmark, which writes two years of rollups without the job.
 */
export async function recordPortfolioMonth(db: Database, month: string) {
  await db.transaction(async (tx) => {
    await tx.delete(trainingPortfolioMonths).where(eq(trainingPortfolioMonths.month, month));
    await tx.execute(sql`
      insert into ${trainingPortfolioMonths} (month, service_category, people, met)
      select ${month}::date, '*', sum(r.training_people)::int, sum(r.training_met)::int
      from ${kpiMonthlyRollups} r join ${partners} p on p.id = r.partner_id and p.status = 'active'
      where r.month = ${month} and r.training_people > 0
      having count(*) > 0
      union all
      select ${month}::date, c.category, sum(r.training_people)::int, sum(r.training_met)::int
      from ${kpiMonthlyRollups} r join ${partners} p on p.id = r.partner_id and p.status = 'active'
      cross join unnest(p.service_categories) as c(category)
      where r.month = ${month} and r.training_people > 0
      group by c.category`);
  });
}
