import { sql, type SQL } from 'drizzle-orm';
import { ROLLUP_TIME_ZONE } from './periods.ts';

/**
 * What one stored event adds to its day's rollup row, as SQL over a relation with the
 * columns (type, occurred_at, payload). Written once and used both for new events
 * (sign +1) and for events a correction voids (sign −1), so the two can never disagree.
 */
const metrics: [column: string, expression: string][] = [
  ['cases_opened', `(type = 'case_opened')::int`],
  ['cases_closed', `(type = 'case_closed')::int`],
  ['closed_within_sla', `(type = 'case_closed' and occurred_at <= (payload->>'slaDueAt')::timestamptz)::int`],
  ['ratings_count', `(type = 'customer_rating')::int`],
  ['ratings_sum', `case when type = 'customer_rating' then (payload->>'rating')::int else 0 end`],
  ['checks_total', `(type = 'compliance_check')::int`],
  ['checks_passed', `(type = 'compliance_check' and (payload->>'passed')::boolean)::int`],
  ['complaints', `(type = 'complaint')::int`],
  [
    'handled_amount',
    `case when type = 'case_closed' then coalesce((payload->>'amount')::numeric, 0) else 0 end`,
  ],
  ['loss_amount', `case when type = 'loss' then (payload->>'amount')::numeric else 0 end`],
];

export const rollupColumns = metrics.map(([column]) => column);

/** The day an event counts for: its calendar day in China Standard Time. */
export const eventDay = sql.raw(`(occurred_at at time zone '${ROLLUP_TIME_ZONE}')::date`);

/**
 * `insert … on conflict do update` adding the signed contributions of the events in
 * `source` (a CTE name) to their partner-days. Rows are upserted in day order so two
 * transactions touching the same partner lock its rows in the same order (no deadlock).
 */
export function addToRollups(partnerId: string, source: string, sign: 1 | -1): SQL {
  const sums = metrics
    .map(([column, expression]) => `${sign === 1 ? '' : '-'}sum(${expression}) as ${column}`)
    .join(', ');
  const columns = rollupColumns.join(', ');
  const updates = rollupColumns.map((c) => `${c} = kpi_daily_rollups.${c} + excluded.${c}`).join(', ');
  return sql`insert into kpi_daily_rollups (partner_id, day, ${sql.raw(columns)})
    select ${partnerId}::uuid, day, ${sql.raw(columns)} from (
      select ${eventDay} as day, ${sql.raw(sums)} from ${sql.raw(source)} where type <> 'correction' group by 1
    ) as by_day
    order by day
    on conflict (partner_id, day) do update set ${sql.raw(updates)}`;
}
