/**
 * Scorecard page benchmark: with many partners and millions of events over two years,
 * how fast does a partner's scorecard page render on the server, compared with the
 * sign-in page measured in the same run, against the same server?
 *
 *   node bench/scorecard.ts [--partners 1000] [--events 10000000] [--users 20] [--seconds 20] [--rounds 4] [--warmup 3]
 *   node bench/scorecard.ts --partners 20 --events 2000 --users 2 --seconds 2 --rounds 1 --warmup 1   # a tiny run, to see that it works
 *
 * BENCH_DATABASE_URL is an admin connection; the benchmark creates its own database and
 * drops it at the end. By default it is PostgreSQL on this machine through its Unix socket
 * when there is one (as a server would reach a database on its own host), else TCP on
 * 127.0.0.1; `--tcp` forces TCP. The portal must be built (`npm run build`). See bench/README.md.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { buildRollups, generateEvents } from './portfolio.ts';
import { comparePages, printComparison } from './page-load.ts';
import { createSession } from '@outpost/auth';
import { ensureDefaultKpis, formatPeriod, quarterOf } from '@outpost/core';
import { migrate, openDatabase, postgresClient } from '@outpost/db';
import { withDatabase } from '@outpost/db/testing';
import { sql } from 'drizzle-orm';

const { values: args } = parseArgs({
  options: {
    partners: { type: 'string', default: '1000' },
    events: { type: 'string', default: '10000000' },
    users: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    /** Warm-up of each page before measuring, seconds. */
    warmup: { type: 'string', default: '3' },
    // Leaves the database behind for a closer look (EXPLAIN, psql); drop it by hand.
    'keep-database': { type: 'boolean', default: false },
    tcp: { type: 'boolean', default: false },
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
  (!args.tcp && existsSync(`${socketDir}/.s.PGSQL.5432`)
    ? `postgresql:///postgres?host=${socketDir}&user=postgres`
    : 'postgres://postgres@127.0.0.1:5432/postgres');
const transport = new URL(adminUrl).searchParams.get('host') ? `Unix socket in ${socketDir}` : 'TCP';
const database = `outpost_bench_sc_${process.pid}`;
const url = withDatabase(adminUrl, database);
const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
const categories = ['claims', 'agency', 'customer_service', 'it'];
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

let server: BenchServer | undefined;
try {
  await admin.unsafe(`create database "${database}"`);
  const conn = await openDatabase({ url, transactionConnections: 4 });
  await migrate(conn);
  await ensureDefaultKpis(conn.db);

  // --- Data: partners, events over two years, rollups maintained by core's own SQL -------
  log(`creating ${partnerCount} partners`);
  await conn.db.execute(sql`
    insert into partners (legal_name, credit_code, status, service_categories)
    select 'Bench Partner ' || g, lpad(g::text, 18, '0'), 'active',
           array[(${sql.raw(`array['${categories.join("','")}']`)})[1 + g % ${categories.length}]]
    from generate_series(1, ${partnerCount}) g`);
  // (Codes are unique placeholders: nothing on the read path validates them.)

  log(
    `generating ${(perPartner * partnerCount).toLocaleString('en')} events (${perPartner} per partner, 2 years)`,
  );
  const started = performance.now();
  await generateEvents(conn.db, perPartner);
  log(
    `events stored in ${((performance.now() - started) / 1000).toFixed(0)} s; building rollups with core's rollup SQL`,
  );
  const list = await buildRollups(conn.db);
  log(`rollups built (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);

  // --- Users: one partner user (and session) per simulated person -------------------------
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) {
    const partnerId = list[(i * 37) % list.length]!.id;
    const rows = (await conn.db.execute<{ id: string }>(sql`
      insert into users (kind, email, display_name) values ('partner', ${`bench-${i}@bench.test`}, ${`Bench ${i}`}) returning id`)) as unknown;
    const userId = (Array.isArray(rows) ? rows : (rows as { rows: { id: string }[] }).rows)[0]!.id as string;
    await conn.db.execute(
      sql`insert into partner_memberships (user_id, partner_id, role) values (${userId}::uuid, ${partnerId}::uuid, 'partner_member')`,
    );
    const { token } = await createSession(conn.db, userId);
    cookies.push(`outpost_session=${token}`);
  }
  await conn.close();

  // --- Server (a separate process) -----------------------------------------------------------
  server = await startBenchServer(url);
  const base = server.base;

  const period = formatPeriod(quarterOf(new Date()));
  const scorecardPath = `/p/scorecard?period=${encodeURIComponent(period)}`;
  // The scorecard's header names the partner; a page a session is sent to instead does not.
  const page = {
    path: scorecardPath,
    marker: 'class="page-header__eyebrow">Bench Partner',
    cookieFor: (i: number) => cookies[i % cookies.length],
  };
  const result = await comparePages({
    base,
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
    `${partnerCount.toLocaleString('en')} partners, ${(perPartner * partnerCount).toLocaleString('en')} events over 2 years, period ${period}; PostgreSQL via ${transport}`,
  );
  printComparison(result, {
    label: 'scorecard',
    pageLabel: 'GET /p/scorecard',
    users,
    p95GoalMs: 100,
    ratioGoal: 0.5,
  });
} finally {
  await server?.stop();
  if (args['keep-database']) console.log(`database kept: ${url}`);
  else await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
  await admin.end({ timeout: 5 });
}
