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
const eventMonth = sql.raw(`date_trunc('month', occurred_at at time zone '${ROLLUP_TIME_ZONE}')::date`);

const grains = {
  day: { table: 'kpi_daily_rollups', key: 'day', bucket: eventDay },
  month: { table: 'kpi_monthly_rollups', key: 'month', bucket: eventMonth },
} as const;

/**
 * `insert … on conflict do update` adding the signed contributions of the events in
 * `source` (a CTE name) to their partner-days or partner-months. Rows are upserted in
 * bucket order so two transactions touching the same partner lock its rows in the same
 * order (no deadlock).
 */
export function addToRollups(
  partnerId: string,
  source: string,
  sign: 1 | -1,
  grain: keyof typeof grains = 'day',
): SQL {
  const { table, key, bucket } = grains[grain];
  const sums = metrics
    .map(([column, expression]) => `${sign === 1 ? '' : '-'}sum(${expression}) as ${column}`)
    .join(', ');
  const columns = rollupColumns.join(', ');
  const updates = rollupColumns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
  return sql`insert into ${sql.raw(table)} (partner_id, ${sql.raw(key)}, ${sql.raw(columns)})
    select ${partnerId}::uuid, bucket, ${sql.raw(columns)} from (
      select ${bucket} as bucket, ${sql.raw(sums)} from ${sql.raw(source)} where type <> 'correction' group by 1
    ) as by_bucket
    order by bucket
    on conflict (partner_id, ${sql.raw(key)}) do update set ${sql.raw(updates)}`;
}

/**
 * Both rollup upserts as two data-modifying CTEs (`rolled_days`, `rolled_months`) to put
 * after the CTE that yields the events: days and months then change in the same statement
 * as the events, so no reader ever sees one grain ahead of the other.
 */
export const rollupCtes = (partnerId: string, source: string, sign: 1 | -1): SQL =>
  sql`rolled_days as (${addToRollups(partnerId, source, sign, 'day')}),
      rolled_months as (${addToRollups(partnerId, source, sign, 'month')})`;
