/**
 * Target dashboard benchmark (issue 16): with 1,000 partners, 10 million events over two years,
 * one contract each evaluated for the last eight quarters, two years of risk alerts and seven
 * closed quarters of compliance records, how fast does the staff target dashboard (/s/targets)
 * render, compared with the sign-in page measured in the same run, against the same server?
 *
 *   node bench/targets-dashboard.ts [--partners 1000] [--events 10000000] [--users 20] [--seconds 20] [--rounds 4] [--warmup 3]
 *   node bench/targets-dashboard.ts --partners 20 --events 2000 --users 2 --seconds 2 --rounds 1 --warmup 1   # a tiny run, to see that it works
 *
 * BENCH_DATABASE_URL is an admin connection (default: PostgreSQL on this machine, through its
 * Unix socket when there is one); the benchmark creates its own database and drops it at the end.
 * The portal must be built (`npm run build`). Data is generated in SQL in the shapes the product
 * keeps, and the derived figures are written by core's own code: rollups by the rollup SQL
 * ingestion runs, contract execution by `evaluateContractExecution` (the quarterly job), the
 * running quarter's compliance live by the page itself.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSession } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import {
  evaluateContractExecution,
  formatPeriod,
  quarterOf,
  recentQuarters,
  recordQuarterCompliance,
  systemActor,
} from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import { migrate, openDatabase, postgresClient, rowsOf } from '@outpost/db';
import { withDatabase } from '@outpost/db/testing';
import { sql } from 'drizzle-orm';
import { ensureReferenceData } from '../apps/server/src/prepare.ts';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { comparePages, fetchPage, printComparison } from './page-load.ts';
import { buildRollups, generateEvents, insertContracts } from './portfolio.ts';

const { values: args } = parseArgs({
  options: {
    partners: { type: 'string', default: '1000' },
    events: { type: 'string', default: '10000000' },
    users: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    /** Warm-up of each page before measuring, seconds. */
    warmup: { type: 'string', default: '3' },
    /** Another query string for the page (e.g. `?serviceCategory=claims`). */
    query: { type: 'string', default: '' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const partnerCount = Number(args.partners);
const eventCount = Number(args.events);
const users = Number(args.users);
const seconds = Number(args.seconds);
const rounds = Math.max(1, Number(args.rounds));
const perPartner = Math.ceil(eventCount / partnerCount);

const socketDir = '/var/run/postgresql';
const adminUrl =
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: run by hand, never through turbo
  process.env.BENCH_DATABASE_URL ??
  (existsSync(`${socketDir}/.s.PGSQL.5432`)
    ? `postgresql:///postgres?host=${socketDir}&user=postgres`
    : 'postgres://postgres@127.0.0.1:5432/postgres');
const database = `outpost_bench_tg_${process.pid}`;
const url = withDatabase(adminUrl, database);
const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
const categories = ['claims', 'agency', 'customer_service', 'it'];
const regions = ['north', 'northeast', 'east', 'central', 'south', 'southwest', 'northwest'];
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const pgArray = (xs: string[]) => sql.raw(`array['${xs.join("','")}']`);

let server: BenchServer | undefined;
try {
  await admin.unsafe(`create database "${database}"`);
  const conn = await openDatabase({ url, transactionConnections: 4 });
  await migrate(conn);
  await ensureReferenceData(conn.db);

  log(`creating ${partnerCount} partners, their documents and one active contract each`);
  await conn.db.execute(sql`
    insert into partners (legal_name, credit_code, status, service_categories, region)
    select 'Bench Partner ' || g, lpad(g::text, 18, '0'), 'active',
           array[(${pgArray(categories)})[1 + g % ${categories.length}]],
           (${pgArray(regions)})[1 + g % ${regions.length}]
    from generate_series(1, ${partnerCount}) g`);
  // Every mandatory document of the partner's categories accepted, except for one partner in
  // fifty, whose licence is missing: the compliance statement has real work and real failures.
  await conn.db.execute(sql`
    insert into documents (partner_id, requirement_id, status, issue_date, expiry_date)
    select p.id, r.id, 'accepted', current_date - 200, case when r.expires then current_date + 300 end
    from (select id, service_categories, row_number() over (order by legal_name) as n from partners) p
    join document_requirements r on r.active and r.mandatory
      and (cardinality(r.service_categories) = 0 or r.service_categories && p.service_categories)
    where p.n % 50 <> 0 or r.sort_order <> (select min(sort_order) from document_requirements)`);
  await insertContracts(conn.db);

  log(
    `generating ${(perPartner * partnerCount).toLocaleString('en')} events (${perPartner} per partner, 2 years)`,
  );
  const started = performance.now();
  await generateEvents(conn.db, perPartner);
  log(
    `events stored in ${((performance.now() - started) / 1000).toFixed(0)} s; building rollups with core's rollup SQL`,
  );
  const partners = await buildRollups(conn.db);

  // Eight quarters: the seven closed ones evaluated by the quarterly job and recorded by the
  // daily compliance job as they closed (one partner in twenty failing something then).
  const quarters = recentQuarters(new Date());
  const running = formatPeriod(quarterOf(new Date()));
  const actor = systemActor('bench');
  log(`evaluating contract execution and recording compliance for ${quarters.length - 1} closed quarters`);
  for (const q of quarters.filter((x) => x !== running)) {
    await evaluateContractExecution(conn.db, actor, { period: q });
    await recordQuarterCompliance(
      conn.db,
      q,
      partners.map((p, i) => ({ partnerId: p.id, reasons: i % 20 === 0 ? ['documents'] : [] })),
      new Date(),
    );
  }

  // Two years of risk alerts: about six per partner, most answered within a day, most resolved;
  // a few open critical ones (each its own rule, partner and condition, as the live index wants).
  log('generating two years of risk alerts');
  await conn.db.execute(sql`
    insert into risk_alerts (partner_id, rule_id, rule_version, rule_snapshot, condition_key, level, evidence,
                             raised_at, response_deadline, status, acknowledged_at, resolved_at)
    select p.id, r.id, 1, '{}'::jsonb, 'bench-' || g, r.level, '{}'::jsonb, a.raised,
           a.raised + interval '24 hours', 'resolved',
           a.raised + (random() * (case when random() < 0.9 then 20 else 60 end)) * interval '1 hour',
           a.raised + interval '5 days'
    from partners p
    cross join generate_series(1, 6) g
    cross join lateral (select id, level from risk_rules where p.id is not null order by random() limit 1) r
    cross join lateral (select now() - interval '10 days' - random() * interval '720 days' + g * interval '0' as raised) a`);
  await conn.db.execute(sql`
    insert into risk_alerts (partner_id, rule_id, rule_version, rule_snapshot, condition_key, level, evidence,
                             raised_at, response_deadline, status)
    select p.id, (select id from risk_rules order by id limit 1), 1, '{}'::jsonb, 'bench-open', 'critical', '{}'::jsonb,
           now() - interval '2 days', now() - interval '1 day', 'open'
    from (select id, row_number() over (order by legal_name) as n from partners) p where p.n % 100 = 7`);
  await conn.db.execute(sql`analyze risk_alerts`);
  log(`data ready (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);

  // Staff who look at the dashboard: risk officers, who need an authenticator by default.
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) {
    const { user } = await makeStaff(conn.db, ['risk_officer']);
    await enrolTotpForTest(conn.db, user.id, TEST_TOTP_KEY);
    cookies.push(`outpost_session=${(await createSession(conn.db, user.id)).token}`);
  }
  const [counts] = rowsOf<{ events: number; alerts: number; results: number }>(
    await conn.db.execute(sql`
      select (select count(*) from service_events)::int as events, (select count(*) from risk_alerts)::int as alerts,
             (select count(*) from contract_execution_results)::int as results`),
  );
  await conn.close();

  server = await startBenchServer(url);
  const path = `/s/targets${args.query}`;
  // Only the dashboard links to a partner's drill-down with the benchmark's partners in it (the
  // authenticator set-up or the sign-in page, where a session without an authenticator lands, do not).
  const page = { path, marker: 'Bench Partner', cookieFor: (i: number) => cookies[i % cookies.length] };
  const html = await fetchPage(server.base, page);
  const result = await comparePages({
    base: server.base,
    page,
    users,
    seconds,
    rounds,
    warmup: Number(args.warmup),
    serverPid: server.pid,
    database,
  });
  console.log('');
  console.log(
    `${partnerCount.toLocaleString('en')} partners, ${counts!.events.toLocaleString('en')} events over 2 years, ${counts!.alerts.toLocaleString('en')} risk alerts, ${counts!.results.toLocaleString('en')} contract execution results; page ${(html.byteLength / 1024).toFixed(0)} KiB`,
  );
  printComparison(result, { label: 'dashboard', pageLabel: `GET ${path}`, users, p95GoalMs: 100, width: 24 });
} finally {
  await server?.stop();
  if (args['keep-database']) console.log(`database kept: ${url}`);
  else await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
  await admin.end({ timeout: 5 });
}
