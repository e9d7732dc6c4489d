/**
 * Data the benchmarks share, generated inside PostgreSQL in the shapes the product keeps: two
 * years of service events per partner (the mix of types ingestion accepts), the daily and monthly
 * rollups built with core's own rollup SQL (what ingestion maintains incrementally), and one
 * active contract per partner with three SLA targets and the compensation and liability clauses.
 */
import type { Database } from '@outpost/db';
import { rowsOf } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { rollupCtes } from '../packages/core/src/performance/rollup-sql.ts';

/** `perPartner` events for every partner, spread over the last two years. */
export async function generateEvents(db: Database, perPartner: number): Promise<void> {
  await db.execute(sql`set maintenance_work_mem = '256MB'`);
  await db.execute(
    sql.raw(`
    insert into service_events (partner_id, external_id, type, occurred_at, payload, batch_id)
    select p.id, 'e' || g,
      t.type, t.at,
      case t.type
        when 'case_opened' then jsonb_build_object('caseId', 'c' || g, 'slaDueAt', t.at + interval '72 hours')
        when 'case_closed' then jsonb_build_object('caseId', 'c' || g, 'amount', round((random() * 20000)::numeric, 2),
                                   'slaDueAt', t.at + (case when random() < 0.9 then 1 else -1 end) * interval '24 hours')
        when 'customer_rating' then jsonb_build_object('rating', 1 + least(4, floor(sqrt(random()) * 5))::int)
        when 'compliance_check' then jsonb_build_object('passed', random() < 0.97, 'checkType', 'review')
        when 'loss' then jsonb_build_object('amount', round((random() * 5000)::numeric, 2))
        else jsonb_build_object('channel', 'phone')
      end,
      '00000000-0000-0000-0000-000000000000'::uuid
    from partners p
    cross join generate_series(1, ${perPartner}) g
    cross join lateral (
      select now() - random() * interval '730 days' as at,
        case when r < 0.3 then 'case_opened' when r < 0.6 then 'case_closed' when r < 0.8 then 'customer_rating'
             when r < 0.95 then 'compliance_check' when r < 0.98 then 'loss' else 'complaint' end as type
      -- Referencing g and p makes the subquery correlated, so random() is drawn per row.
      from (select random() + g * 0 + (p.id is null)::int as r) x
    ) t`),
  );
}

/** Every partner's daily and monthly rollups from its events, then a vacuum. */
export async function buildRollups(db: Database): Promise<{ id: string }[]> {
  const partners = rowsOf<{ id: string }>(await db.execute(sql`select id from partners order by legal_name`));
  for (const { id } of partners) {
    await db.execute(
      sql`with src as (select type, occurred_at, payload from service_events where partner_id = ${id}::uuid), ${rollupCtes(id, 'src', 1)} select 1`,
    );
  }
  // A live system vacuumed these tables long ago; without this, autovacuum would work through
  // millions of freshly inserted rows during the measurement and skew it.
  await db.execute(sql`vacuum (analyze)`);
  return partners;
}

/** One active contract per partner (2024–2030) with two monthly SLA targets and one quarterly. */
export async function insertContracts(db: Database): Promise<void> {
  await db.execute(sql`
    insert into contracts (reference, partner_id, service_category, status)
    select 'BENCH-' || lpad(row_number() over (order by legal_name)::text, 6, '0'), id, service_categories[1], 'active'
    from partners`);
  const clause = (kind: string) =>
    `{"clauseId":null,"clauseVersionId":null,"kind":"${kind}","titleZh":"-","titleEn":"-","bodyZh":"-","bodyEn":"-","variables":[]}`;
  await db.execute(sql`
    insert into contract_versions (contract_id, version, terms, "values", sla_targets, clauses)
    select id, 1,
      jsonb_build_object('startDate', '2024-01-01', 'endDate', '2030-12-31', 'autoRenew', false, 'noticeDays', 90,
        'annualValueCents', 120000000, 'currency', 'CNY', 'governingLaw', '中华人民共和国法律', 'language', 'zh-CN'),
      '{"service_credit_percent": 5, "liability_cap": 500000000}'::jsonb,
      '[{"kpiKey":"processing_timeliness","comparator":"gte","target":89.5,"period":"month"},
        {"kpiKey":"compliance_rate","comparator":"gte","target":96.5,"period":"month"},
        {"kpiKey":"customer_satisfaction","comparator":"gte","target":3.5,"period":"quarter"}]'::jsonb,
      ${sql.raw(`'[${clause('compensation')},${clause('liability_limits')}]'::jsonb`)}
    from contracts`);
}
