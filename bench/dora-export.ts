/**
 * DORA register benchmark (issue 16): how long does the DORA Register of Information export take
 * for 1,000 arrangements (core's exportDoraRegister: the register query with its live joins, the
 * completeness rules, six templates as plain CSV, one zip, an audit entry), and how much memory,
 * beside a plain SELECT of the same rows (contracts, partners, version in force) serialised to one
 * CSV (the baseline)?
 *
 *   node bench/dora-export.ts [--arrangements 1000] [--rounds 3]
 *
 * BENCH_DATABASE_URL is an admin connection (default: PostgreSQL on this machine); the benchmark
 * creates its own database and drops it at the end. See bench/README.md.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { csvDocument, exportDoraRegister, systemActor } from '@outpost/core';
import { migrate, openDatabase, postgresClient, rowsOf } from '@outpost/db';
import { withDatabase } from '@outpost/db/testing';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';

const { values: args } = parseArgs({
  options: {
    arrangements: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const count = Number(args.arrangements);
const rounds = Math.max(1, Number(args.rounds));

const socketDir = '/var/run/postgresql';
const adminUrl =
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: run by hand, never through turbo
  process.env.BENCH_DATABASE_URL ??
  (existsSync(`${socketDir}/.s.PGSQL.5432`)
    ? `postgresql:///postgres?host=${socketDir}&user=postgres`
    : 'postgres://postgres@127.0.0.1:5432/postgres');
const database = `outpost_bench_dora_${process.pid}`;
const url = withDatabase(adminUrl, database);
const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** Peak resident memory of this process so far (the kernel's high-water mark). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** The baseline: the same arrangements' rows, read in one plain SELECT and written as one CSV. */
const baselineSql = sql`
  select k.reference, k.status, k.service_category, p.legal_name, p.credit_code, p.registered_address,
    p.criticality, v.terms::text as terms, k.register::text as register
  from contracts k
  join partners p on p.id = k.partner_id
  join contract_versions v on v.contract_id = k.id and v.version = k.current_version
  where k.status in ('active', 'expiring')
  order by k.reference`;

try {
  await admin.unsafe(`create database "${database}"`);
  const conn = await openDatabase({ url, transactionConnections: 4 });
  await migrate(conn);
  log(`creating ${count} partners with one contract in force each, register fields filled`);
  const categories = ['claims', 'agency', 'customer_service', 'it'];
  await conn.db.execute(sql`
    insert into users (kind, email, display_name, staff_roles)
    values ('staff', 'approver@bench.test', '审批人', array['committee'])`);
  await conn.db.execute(sql`
    insert into partners (legal_name, credit_code, status, service_categories, criticality, registered_address)
    select '基准服务有限公司 ' || g, lpad(g::text, 18, '0'), 'active',
           array[(${sql.raw(`array['${categories.join("','")}']`)})[1 + g % ${categories.length}]],
           (array['critical', 'important', 'standard', 'standard'])[1 + g % 4], '上海市浦东新区金融大道 ' || g || ' 号'
    from generate_series(1, ${count}) g`);
  await conn.db.execute(sql`
    insert into contracts (reference, partner_id, service_category, status, register)
    select 'BENCH-' || lpad(row_number() over (order by legal_name)::text, 6, '0'), id, service_categories[1], 'active',
      jsonb_build_object('functionDescription', '理赔查勘 · Claims survey', 'dataDescription', '理赔案件 · Claim files',
        'personalData', true, 'personalDataKinds', '["identity","claims"]'::jsonb, 'serviceCountries', '["CN"]'::jsonb,
        'dataCountries', '["CN","HK"]'::jsonb, 'criticalityAssessedOn', '2026-06-01',
        'subcontractors', '[{"name":"速达影像","country":"CN","function":"影像录入"}]'::jsonb,
        'substitutability', 'difficult', 'exitPossibility', 'other_provider', 'riskAssessedOn', '2026-07-01',
        'riskAssessmentResult', 'medium', 'lastAuditOn', '2026-05-01', 'nextAuditOn', '2027-05-01',
        'discontinuationImpact', 'high', 'alternativeProviders', '["备选服务商"]'::jsonb, 'rtoHours', 4, 'rpoHours', 1,
        'regulatorNotifiedOn', '2026-02-01')
    from partners`);
  await conn.db.execute(sql`
    insert into contract_versions (contract_id, version, status, terms, clauses)
    select id, 1, 'signed',
      jsonb_build_object('startDate', '2025-01-01', 'endDate', '2030-12-31', 'autoRenew', false, 'noticeDays', 90,
        'annualValueCents', 120000000, 'currency', 'CNY', 'governingLaw', '中华人民共和国法律', 'language', 'zh-CN'),
      '[]'::jsonb
    from contracts`);
  await conn.db.execute(sql`
    insert into contract_approvals (contract_id, version, approver_id, decision)
    select k.id, 1, u.id, 'approve' from contracts k, users u`);
  await conn.db.execute(sql`vacuum (analyze)`);

  const actor = systemActor('bench');
  const asOf = '2026-12-01';
  // The insurer's entity is a setting (decision record 060); the bench passes one, as tests may.
  const entity = {
    lei: '5493001KJTIIGC8Y1R12',
    name: 'Bench Insurance Co., Ltd.',
    country: 'CN',
    type: 'Insurance undertaking',
    competentAuthority: 'NFRA',
  };
  // Warm both (plans, caches, module code), then alternate them so a drifting machine slows both alike.
  await conn.db.execute(baselineSql);
  await exportDoraRegister(conn.db, actor, { asOf }, entity);
  const baseline: number[] = [];
  const exported: number[] = [];
  let baselineBytes = 0;
  let result: Awaited<ReturnType<typeof exportDoraRegister>> | undefined;
  const rssBefore = peakRss();
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const rows = rowsOf<Record<string, string>>(await conn.db.execute(baselineSql));
    const csv = csvDocument(
      Object.keys(rows[0] ?? {}),
      rows.map((r) => Object.values(r).map((v) => String(v ?? ''))),
    );
    baselineBytes = Buffer.byteLength(csv);
    baseline.push(performance.now() - t);
    t = performance.now();
    result = await exportDoraRegister(conn.db, actor, { asOf }, entity);
    exported.push(performance.now() - t);
  }
  const files = unzipSync(result!.body);
  const b0202 = new TextDecoder().decode(files['b_02.02.csv']!).split('\r\n').filter(Boolean).length - 1;
  if (result!.arrangements !== count || b0202 !== count) {
    throw new Error(
      `the export holds ${result!.arrangements} arrangements (${b0202} B_02.02 rows), not ${count}`,
    );
  }
  const again = await exportDoraRegister(conn.db, actor, { asOf }, entity);
  if (again.sha256 !== result!.sha256) throw new Error('two exports of the same data differ');

  const b = median(baseline);
  const e = median(exported);
  const heap = process.memoryUsage();
  console.log('');
  console.log(`${count.toLocaleString('en')} arrangements in force, ${rounds} rounds (median)`);
  console.log(
    `plain SELECT of the same rows, serialised to one CSV (${mb(baselineBytes)}): ${b.toFixed(1)} ms`,
  );
  console.log(
    `DORA Register of Information export (core: register query, completeness, 6 templates, zip ${(result!.body.length / 1024).toFixed(0)} KB, audited): ${e.toFixed(1)} ms`,
  );
  console.log(
    `ratio export / baseline: ${(e / b).toFixed(2)}×; goal: export under 10 s — ${e < 10_000 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `peak memory (process RSS high-water mark): ${mb(peakRss())} (${mb(rssBefore)} before the measured rounds); heap now ${mb(heap.heapUsed)}`,
  );
  console.log(`two exports of the same data: byte-identical (sha256 ${result!.sha256.slice(0, 16)}…)`);
  await conn.close();
} finally {
  if (args['keep-database']) console.log(`database kept: ${url}`);
  else await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
  await admin.end({ timeout: 5 });
}
