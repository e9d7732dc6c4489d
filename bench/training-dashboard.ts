/**
 * Training dashboard benchmark (issue 11): with 1,000 partners, 50,000 people on their rosters,
 * two years of completions and a notice to confirm per category, how fast does the staff training
 * compliance page (/s/training) render, compared with the sign-in page measured in the same run,
 * against the same server?
 *
 *   node bench/training-dashboard.ts [--partners 1000] [--people 50000] [--users 20] [--seconds 20] [--rounds 4] [--warmup 3]
 *   node bench/training-dashboard.ts --partners 20 --people 200 --users 2 --seconds 2 --rounds 1 --warmup 1   # a tiny run, to see that it works
 *
 * BENCH_DATABASE_URL is an admin connection (default: PostgreSQL on this machine); the benchmark
 * creates its own database and drops it at the end. The portal must be built (`npm run build`).
 * The current month's figures come from core's own `recordTrainingCompliance` (the daily job);
 * the 23 months before are generated in SQL, as the job would have left them.
 */
import { parseArgs } from 'node:util';
import { createSession } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import {
  createCourse,
  ensureDefaultKpis,
  recordPortfolioMonth,
  recordTrainingCompliance,
} from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import { migrate, openDatabase, postgresClient, rowsOf } from '@outpost/db';
import { withDatabase } from '@outpost/db/testing';
import { todayInChina } from '@outpost/i18n';
import { sql } from 'drizzle-orm';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { comparePages, printComparison } from './page-load.ts';

const { values: args } = parseArgs({
  options: {
    partners: { type: 'string', default: '1000' },
    people: { type: 'string', default: '50000' },
    users: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    /** Warm-up of each page before measuring, seconds. */
    warmup: { type: 'string', default: '3' },
    /** Another staff page to measure the same way (e.g. a light one, to see what the layout costs). */
    path: { type: 'string', default: '/s/training' },
    /**
     * Text every measured response must hold (else the run fails): by default the links to the
     * partners' training pages, which only the dashboard has. Give one that fits with `--path`.
     */
    marker: { type: 'string', default: 'href="/s/training/partners/' },
    /** Keep the database and stop after creating the data (to EXPLAIN the page's queries by hand). */
    'setup-only': { type: 'boolean', default: false },
  },
});
const partnerCount = Number(args.partners);
const peopleCount = Number(args.people);
const users = Number(args.users);
const seconds = Number(args.seconds);
const rounds = Math.max(1, Number(args.rounds));

// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by hand, never through turbo
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `outpost_bench_tr_${process.pid}`;
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
  const { actor: trainer } = await makeStaff(conn.db, ['admin']);

  log(`creating ${partnerCount} partners and ${peopleCount.toLocaleString('en')} people`);
  await conn.db.execute(sql`
    insert into partners (legal_name, credit_code, status, service_categories)
    select 'Bench Partner ' || g, lpad(g::text, 18, '0'), 'active',
           array[(${sql.raw(`array['${categories.join("','")}']`)})[1 + g % ${categories.length}]]::text[]
    from generate_series(1, ${partnerCount}) g`);
  await conn.db.execute(sql`
    insert into training_people (partner_id, name, staff_number, job_role, service_category, start_date)
    select p.id, '学员' || g, 'EMP' || lpad(g::text, 8, '0'), '客户经理', p.service_categories[1],
           (current_date - (random() * 1500)::int)
    from (select id, service_categories, row_number() over (order by legal_name) as n from partners) p
    cross join generate_series(1, ${Math.ceil(peopleCount / partnerCount)}) g`);

  // Five courses, each published once; completions over two years for most people.
  const courses = [];
  for (const [i, category] of (
    ['law_ethics', 'professional_skills', 'product', 'risk_compliance', 'information_security'] as const
  ).entries()) {
    const created = await createCourse(conn.db, trainer, {
      category,
      titleZh: `基准课程 ${i + 1}`,
      titleEn: `Bench course ${i + 1}`,
      bodyZh: '内容',
      bodyEn: 'Content',
      creditHours: 12,
      passMark: 60,
      attemptLimit: 3,
      questions: [
        {
          kind: 'single',
          promptZh: '是？',
          promptEn: 'Yes?',
          options: [
            { zh: '是', en: 'Yes' },
            { zh: '否', en: 'No' },
          ],
          correct: [0],
        },
      ],
    });
    courses.push({ id: created.course.id, versionId: created.version.id, category });
  }
  log('generating two years of completions');
  for (const c of courses) {
    await conn.db.execute(sql`
      insert into training_completions (person_id, partner_id, source, course_id, course_version_id, category, minutes, completed_on, certificate_code)
      select id, partner_id, 'course', ${c.id}::uuid, ${c.versionId}::uuid, ${c.category}, 720,
             current_date - (random() * 700)::int, md5(random()::text || id::text || ${c.id})
      from training_people where random() < 0.8`);
    // Assigned to every partner of a category, due a month ago: whoever has not done it is overdue.
    await conn.db.execute(sql`
      insert into training_assignments (course_id, target, service_category, due_date)
      values (${c.id}::uuid, 'category', ${categories[courses.indexOf(c) % categories.length]}, current_date - 30)`);
  }
  log('publishing a notice to confirm per category, confirmed by three people in four');
  for (const category of categories) {
    await conn.db.execute(sql`
      insert into training_notices (kind, title_zh, title_en, body_zh, body_en, target, service_category, requires_confirmation, confirm_by, published_at)
      values ('regulation', '基准通知', 'Bench notice', '内容', 'Content', 'category', ${category}, true, current_date - 10, now() - interval '40 days')`);
  }
  await conn.db.execute(sql`
    insert into training_notice_receipts (notice_id, person_id, partner_id, read_at, confirmed_at)
    select n.id, p.id, p.partner_id, now() - interval '20 days', now() - interval '20 days'
    from training_people p join training_notices n on n.service_category = p.service_category
    where random() < 0.75`);
  log('recording this month’s compliance with the daily job, and 23 months of history');
  await recordTrainingCompliance(conn.db, todayInChina());
  await conn.db.execute(sql`
    insert into kpi_monthly_rollups (partner_id, month, training_people, training_met)
    select r.partner_id, (date_trunc('month', current_date) - make_interval(months => m))::date,
           r.training_people, least(r.training_people, greatest(0, r.training_met - (random() * 5)::int))
    from kpi_monthly_rollups r cross join generate_series(1, 23) m
    where r.month = date_trunc('month', current_date)::date
    on conflict (partner_id, month) do update set training_people = excluded.training_people, training_met = excluded.training_met`);
  // The portfolio's months, as the job writes them after each month's figures.
  for (let m = 1; m <= 23; m++) {
    const [y, mo] = todayInChina().split('-').map(Number) as [number, number];
    await recordPortfolioMonth(conn.db, new Date(Date.UTC(y, mo - 1 - m, 1)).toISOString().slice(0, 10));
  }
  await conn.db.execute(sql`vacuum (analyze)`);

  // Risk officers, who need an authenticator by default (decision records 043, 055): without
  // one, every staff page sends them to its set-up.
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) {
    const { user } = await makeStaff(conn.db, ['risk_officer']);
    await enrolTotpForTest(conn.db, user.id, TEST_TOTP_KEY);
    cookies.push(`outpost_session=${(await createSession(conn.db, user.id)).token}`);
  }
  const [counts] = rowsOf<{ people: number; completions: number }>(
    await conn.db.execute(
      sql`select (select count(*) from training_people)::int as people, (select count(*) from training_completions)::int as completions`,
    ),
  );
  await conn.close();
  if (args['setup-only']) {
    console.log(`data kept in ${url}`);
    process.exit(0);
  }

  server = await startBenchServer(url);
  const path = args.path;
  const page = {
    path,
    marker: args.marker,
    cookieFor: (i: number) => cookies[i % cookies.length],
  };
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
    `${partnerCount.toLocaleString('en')} partners, ${counts!.people.toLocaleString('en')} people, ${counts!.completions.toLocaleString('en')} completions over 2 years`,
  );
  printComparison(result, { label: 'dashboard', pageLabel: `GET ${path}`, users, p95GoalMs: 150, width: 24 });
} finally {
  await server?.stop();
  if (!args['setup-only'])
    await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
  await admin.end({ timeout: 5 });
}
