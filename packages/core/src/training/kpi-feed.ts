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
      if (await writePartnerRow(db, id, month, asOf, overdue.get(id) ?? 0, confirmation.get(id)))
        recorded += 1;
    }
  }
  await recordPortfolioMonth(db, month);
  return { partners: recorded, month };
}

/**
 * One partner's row and the portfolio's month, at once: called in the transaction that changes a
 * partner's training (a pass, an accepted external certificate, a notice confirmed), so the staff
 * dashboard's overview moves with the drill-down instead of waiting for the daily run.
 */
export async function refreshPartnerTraining(db: Database, partnerId: string, asOf = todayInChina()) {
  const month = `${asOf.slice(0, 7)}-01`;
  const [partner] = await db
    .select({ status: partners.status })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (partner?.status !== 'active') return; // the daily run counts active partners only
  const [overdue, confirmation] = await Promise.all([
    overdueCounts(db, [partnerId], asOf),
    confirmationByPartner(db, [partnerId], asOf),
  ]);
  if (
    await writePartnerRow(
      db,
      partnerId,
      month,
      asOf,
      overdue.get(partnerId) ?? 0,
      confirmation.get(partnerId),
    )
  ) {
    await recordPortfolioMonth(db, month);
  }
}

async function writePartnerRow(
  db: Database,
  partnerId: string,
  month: string,
  asOf: string,
  overdue: number,
  notices: { owed: number; confirmed: number } | undefined,
) {
  const figure = await trainingCompliance(db, partnerId, asOf);
  if (!figure) return false;
  const values = {
    trainingPeople: figure.people,
    trainingMet: figure.meeting,
    trainingOverdue: overdue,
    noticesOwed: notices?.owed ?? 0,
    noticesConfirmed: notices?.confirmed ?? 0,
  };
  await db
    .insert(kpiMonthlyRollups)
    .values({ partnerId, month, ...values })
    .onConflictDoUpdate({ target: [kpiMonthlyRollups.partnerId, kpiMonthlyRollups.month], set: values });
  return true;
}

/**
 * The portfolio's month for the dashboard's trend, from the partners' rollup rows of that month:
 * replaced as a whole, so a rerun or a partner that left changes the sums, never adds to them.
 * Exported for the benchmark, which writes two years of rollups without the job.
 */
export async function recordPortfolioMonth(db: Database, month: string) {
  await db.transaction(async (tx) => {
    // Two partners' changes committing at once would each sum the other's old row and the later
    // write would lose the earlier: one writer per month at a time, and the sums are read after
    // the lock is held, so they see every committed row.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('training_portfolio_months'), hashtext(${month}))`,
    );
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
