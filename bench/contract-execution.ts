/**
 * Contract execution benchmark (issue 13): 1,000 active contracts over 10 million events, how long
 * does the quarterly execution evaluation (core's evaluateContractExecution: read the contracts and
 * the partners' monthly rollups, judge every SLA target, upsert one row per contract, audit the run)
 * take, beside a plain SQL aggregate of the same rollups computing the same misses (read only)?
 *
 *   node bench/contract-execution.ts [--contracts 1000] [--events 10000000] [--rounds 5]
 *
 * BENCH_DATABASE_URL is an admin connection (default: PostgreSQL on this machine); the benchmark
 * creates its own database and drops it at the end. Events are generated inside PostgreSQL and
 * rolled up with core's own rollup SQL, as in bench/scorecard.ts. See bench/README.md.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ensureDefaultKpis,
  evaluateContractExecution,
  formatPeriod,
  periodDays,
  quarterOf,
  systemActor,
  trailingQuarters,
} from '@outpost/core';
import { migrate, openDatabase, postgresClient, rowsOf } from '@outpost/db';
import { withDatabase } from '@outpost/db/testing';
import { sql } from 'drizzle-orm';
import { buildRollups, generateEvents, insertContracts } from './portfolio.ts';

const { values: args } = parseArgs({
  options: {
    contracts: { type: 'string', default: '1000' },
    events: { type: 'string', default: '10000000' },
    rounds: { type: 'string', default: '5' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const contractCount = Number(args.contracts);
const eventCount = Number(args.events);
const rounds = Math.max(1, Number(args.rounds));
const perPartner = Math.ceil(eventCount / contractCount);

const socketDir = '/var/run/postgresql';
const adminUrl =
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: run by hand, never through turbo
  process.env.BENCH_DATABASE_URL ??
  (existsSync(`${socketDir}/.s.PGSQL.5432`)
    ? `postgresql:///postgres?host=${socketDir}&user=postgres`
    : 'postgres://postgres@127.0.0.1:5432/postgres');
const database = `outpost_bench_ce_${process.pid}`;
const url = withDatabase(adminUrl, database);
const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
const categories = ['claims', 'agency', 'customer_service', 'it'];
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// The quarter just ended: the one the scheduled job evaluates.
const quarter = trailingQuarters(quarterOf(new Date()), 2)[0]!;
const label = formatPeriod(quarter);
const days = periodDays(quarter);

/**
 * The same judgement in one plain SQL statement over the monthly rollups: every SLA instance
 * (a month SLA per month, a quarter SLA once), its KPI value, measured or not, missed or not,
 * counted per contract. Read only: nothing stored, nothing audited.
 */
const baselineSql = sql`
  with c as (
    select k.id, k.partner_id, v.sla_targets
    from contracts k
    join contract_versions v on v.contract_id = k.id and v.version = k.current_version
    where k.status in ('active', 'expiring')
      and v.terms->>'startDate' < ${days.to}
      and ((v.terms->>'autoRenew')::boolean or v.terms->>'endDate' >= ${days.from})
  ),
  sl as (
    select c.id, c.partner_id, s.n, s.v->>'kpiKey' as kpi, s.v->>'comparator' as cmp,
           (s.v->>'target')::float8 as target, s.v->>'period' as per
    from c, jsonb_array_elements(c.sla_targets) with ordinality as s(v, n)
  ),
  inst as (
    select sl.*, m::date as m0, (m + interval '1 month')::date as m1
    from sl, generate_series(${days.from}::date, ${days.to}::date - interval '1 month', interval '1 month') m
    where sl.per = 'month'
    union all
    select sl.*, ${days.from}::date, ${days.to}::date from sl where sl.per = 'quarter'
  ),
  agg as (
    select i.id, i.n, i.m0, i.cmp, i.target, d.computation,
      sum(r.cases_closed) cc, sum(r.closed_within_sla) cws, sum(r.ratings_count) rc, sum(r.ratings_sum) rs,
      sum(r.checks_total) ct, sum(r.checks_passed) cp, sum(r.complaints) co,
      sum(r.handled_amount) ha, sum(r.loss_amount) la, sum(r.training_people) tp, sum(r.training_met) tm
    from inst i
    left join kpi_definitions d on d.key = i.kpi
    left join kpi_monthly_rollups r on r.partner_id = i.partner_id and r.month >= i.m0 and r.month < i.m1
    group by i.id, i.n, i.m0, i.cmp, i.target, d.computation
  ),
  val as (
    select id, cmp, target, round((case computation
      when 'share_within_sla' then case when cc > 0 then cws * 100.0 / cc end
      when 'share_passed' then case when ct > 0 then cp * 100.0 / ct end
      when 'average_rating' then case when rc > 0 then rs * 1.0 / rc end
      when 'rate_per_cases' then case when cc > 0 then co * 1000.0 / cc end
      when 'loss_ratio' then case when ha > 0 then la * 100.0 / ha end
      when 'external' then case when tp > 0 then tm * 100.0 / tp end
    end)::numeric, 4)::float8 as v
    from agg
  )
  select id, count(*)::int as committed, count(v)::int as measured,
    (count(*) filter (where (cmp = 'gte' and v < target) or (cmp = 'lte' and v > target)))::int as missed
  from val group by id`;

try {
  await admin.unsafe(`create database "${database}"`);
  const conn = await openDatabase({ url, transactionConnections: 4 });
  await migrate(conn);
  await ensureDefaultKpis(conn.db);

  log(`creating ${contractCount} partners with one active contract each`);
  await conn.db.execute(sql`
    insert into partners (legal_name, credit_code, status, service_categories)
    select 'Bench Partner ' || g, lpad(g::text, 18, '0'), 'active',
           array[(${sql.raw(`array['${categories.join("','")}']`)})[1 + g % ${categories.length}]]
    from generate_series(1, ${contractCount}) g`);
  await insertContracts(conn.db);

  log(
    `generating ${(perPartner * contractCount).toLocaleString('en')} events (${perPartner} per partner, 2 years)`,
  );
  const started = performance.now();
  await generateEvents(conn.db, perPartner);
  log(
    `events stored in ${((performance.now() - started) / 1000).toFixed(0)} s; building rollups with core's rollup SQL`,
  );
  await buildRollups(conn.db);
  log(`rollups built (${((performance.now() - started) / 1000).toFixed(0)} s in all); measuring ${label}`);

  // Warm both (plans, caches), then alternate them so a drifting machine slows both alike.
  const actor = systemActor('bench');
  await conn.db.execute(baselineSql);
  await evaluateContractExecution(conn.db, actor, { period: label });
  const baseline: number[] = [];
  const evaluation: number[] = [];
  let baselineRows: { id: string; committed: number; measured: number; missed: number }[] = [];
  let run = { contracts: 0, breaches: 0 };
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    baselineRows = rowsOf(await conn.db.execute(baselineSql));
    baseline.push(performance.now() - t);
    t = performance.now();
    run = await evaluateContractExecution(conn.db, actor, { period: label });
    evaluation.push(performance.now() - t);
  }

  // Both must have judged alike: the same misses and measured levels per contract.
  const stored = rowsOf<{ id: string; committed: number; measured: number; missed: number }>(
    await conn.db.execute(
      sql`select contract_id as id, committed, measured, missed from contract_execution_results where period = ${label}`,
    ),
  );
  const byId = new Map(baselineRows.map((r) => [r.id, r]));
  const differ = stored.filter((s) => {
    const b = byId.get(s.id);
    return !b || b.committed !== s.committed || b.measured !== s.measured || b.missed !== s.missed;
  });
  if (stored.length !== baselineRows.length || differ.length > 0) {
    throw new Error(`evaluation and SQL baseline disagree on ${differ.length} of ${stored.length} contracts`);
  }

  const b = median(baseline);
  const e = median(evaluation);
  console.log('');
  console.log(
    `${contractCount.toLocaleString('en')} active contracts, ${(perPartner * contractCount).toLocaleString('en')} events over 2 years, quarter ${label}, ${rounds} rounds (median)`,
  );
  console.log(`plain SQL aggregate of the rollups (read only): ${b.toFixed(1)} ms`);
  console.log(
    `quarterly execution evaluation (core, stored + audited): ${e.toFixed(1)} ms — ${run.contracts} contracts, ${run.breaches} missed service levels`,
  );
  console.log(
    `ratio evaluation / baseline: ${(e / b).toFixed(2)}× (goal ≤ 3×) — ${e / b <= 3 ? 'met' : 'NOT met'}`,
  );
  await conn.close();
} finally {
  if (args['keep-database']) console.log(`database kept: ${url}`);
  else await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
  await admin.end({ timeout: 5 });
}
