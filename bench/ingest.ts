/**
 * Ingestion benchmark: POST /api/v1/events against the real server (a separate process) on
 * PostgreSQL, compared with a raw COPY of the same rows in the same run — once with the default
 * risk rules switched off and once with them on (issue 12: ≥ 40 % of COPY with rules on), each
 * pass `--events` events into its own partner, printed side by side (decision record 036).
 *
 *   node bench/ingest.ts [--events 1000000] [--senders 4] [--rules both|on|off]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is an admin
 * connection: the benchmark creates its own database next to it and drops it at the end.
 * See bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { createApiKey, MAX_EVENTS_PER_BATCH, sampleEvents, type ServiceEventInput } from '@outpost/core';
import { makePartner, makePartnerUser } from '@outpost/core/testing';
import { migrate, openDatabase, postgresClient } from '@outpost/db';
import { withDatabase } from '@outpost/db/testing';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    senders: { type: 'string', default: '4' },
    rules: { type: 'string', default: 'both' },
  },
});
const modes = (args.rules === 'both' ? ['off', 'on'] : [args.rules]) as ('off' | 'on')[];
if (!modes.every((m) => m === 'on' || m === 'off')) throw new Error('--rules takes both, on or off.');
const total = Number(args.events);
const senders = Number(args.senders);
const batchSize = MAX_EVENTS_PER_BATCH;
const batches = Math.ceil(total / batchSize);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(senders) || senders < 1) {
  throw new Error('--events and --senders take positive integers.');
}

// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by hand, never through turbo
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `outpost_bench_${process.pid}`;
const url = withDatabase(adminUrl, database);
const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });

const historyStart = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 700 * 86_400_000);

/** Batch i is the same events every time it is generated: the HTTP run and the COPY run store identical rows. */
const batch = (i: number): ServiceEventInput[] =>
  sampleEvents({
    seed: i + 1,
    count: Math.min(batchSize, total - i * batchSize),
    prefix: `b${i}`,
    // Ending today, so the rules' windows (the last 7 and 30 days) hold data and evaluation does real work.
    start: historyStart,
    days: 700,
  });

let server: BenchServer | undefined;
try {
  await admin.unsafe(`create database "${database}"`);
  const conn = await openDatabase({ url, transactionConnections: 2 });
  await migrate(conn);
  // One partner per pass: the second pass adds to tables of the same size the first left, so the
  // rules-on pass (run second) is measured against slightly bigger indexes — conservative.
  const partnerFor = {} as Record<'on' | 'off', { id: string; key: string }>;
  for (const mode of modes) {
    const p = await makePartner(conn.db, { legalName: `Benchmark Claims (rules ${mode}) Ltd` });
    const { actor } = await makePartnerUser(conn.db, p.id, 'partner_admin');
    const { key } = await createApiKey(conn.db, actor, { name: `benchmark ${mode}`, scopes: ['events'] });
    partnerFor[mode] = { id: p.id, key };
  }
  const warm = await makePartner(conn.db, { legalName: 'Benchmark warm-up Ltd' });
  const warmKey = (
    await createApiKey(conn.db, (await makePartnerUser(conn.db, warm.id, 'partner_admin')).actor, {
      name: 'warm-up',
      scopes: ['events'],
    })
  ).key;
  await conn.close();
  const partner = partnerFor[modes[0]!]!;

  server = await startBenchServer(url);
  const base = server.base;
  console.log(
    `server pid ${server.pid}, ${total.toLocaleString('en')} events in ${batches} batches of ≤ ${batchSize}, ${senders} concurrent senders`,
  );

  // Request bodies and COPY text are built before either clock starts, so both rates measure
  // the database path, not this process generating data.
  const bodies = Array.from({ length: batches }, (_, i) => JSON.stringify({ events: batch(i) }));
  const copyChunks = Array.from({ length: batches }, (_, i) => copyLines(batch(i), partner.id));

  // --- HTTP ingestion, rules off then on (the server read the default rules at start-up) ------
  const control = postgresClient(url, { max: 1, onnotice: () => {} });
  // Untimed warm-up (JIT, connection pools, plan caches) so the first timed pass is not penalised.
  for (let i = 0; i < Math.min(batches, 2 * senders); i++) {
    const response = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warmKey}`, 'content-type': 'application/json' },
      body: bodies[i],
    });
    if (response.status !== 200) throw new Error(`warm-up batch ${i}: HTTP ${response.status}`);
    await response.arrayBuffer();
  }
  const results: { mode: 'on' | 'off'; seconds: number; alerts: number }[] = [];
  for (const mode of modes) {
    // Switching every rule on or off is what staff do on /s/risk/rules; here straight in the
    // benchmark's own database, so the evaluation after each batch finds none (off) or the defaults (on).
    await control`update risk_rules set enabled = ${mode === 'on'}`;
    const { key } = partnerFor[mode];
    let next = 0;
    let accepted = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async () => {
        for (let i = next++; i < batches; i = next++) {
          const response = await fetch(`${base}/api/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: bodies[i],
          });
          const body = (await response.json()) as { accepted?: number };
          if (response.status !== 200)
            throw new Error(`batch ${i}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
          accepted += body.accepted ?? 0;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (accepted !== total) throw new Error(`expected ${total} accepted, got ${accepted}`);
    const [{ alerts }] = await control<[{ alerts: number }]>`
      select count(*)::int as alerts from risk_alerts where partner_id = ${partnerFor[mode].id}`;
    results.push({ mode, seconds, alerts });
  }
  await control.end({ timeout: 5 });
  const peakRssMb = peakRss(server.pid);

  // --- Raw COPY of the same rows into a table of the same shape (columns and indexes) ----
  const sql = postgresClient(url, { max: 1, onnotice: () => {} });
  await sql.unsafe('create table bench_copy (like service_events including defaults including indexes)');
  const copyStarted = performance.now();
  const stream =
    await sql`copy bench_copy (partner_id, external_id, type, occurred_at, payload, corrects, batch_id) from stdin`.writable();
  for (const chunk of copyChunks) {
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const [{ stored, copied }] = await sql<[{ stored: number; copied: number }]>`
    select (select count(*) from service_events)::int as stored, (select count(*) from bench_copy)::int as copied`;
  await sql.end({ timeout: 5 });
  const warmed = Math.min(batches, 2 * senders);
  const warmRows = Array.from({ length: warmed }, (_, i) =>
    Math.min(batchSize, total - i * batchSize),
  ).reduce((a, b) => a + b, 0);
  if (stored !== total * modes.length + warmRows || copied !== total)
    throw new Error(`row counts differ: stored ${stored}, copied ${copied}, expected ${total} per pass`);

  const copyRate = total / copySeconds;
  const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
  console.log('');
  for (const r of results) {
    const rate = total / r.seconds;
    line(
      `POST /api/v1/events, rules ${r.mode}`,
      `${fmt(rate)} events/s  (${r.seconds.toFixed(1)} s; ${((rate / copyRate) * 100).toFixed(1)} % of COPY; ${r.alerts} alerts raised)`,
    );
  }
  line('raw COPY, same rows', `${fmt(copyRate)} rows/s    (${copySeconds.toFixed(1)} s)`);
  const on = results.find((r) => r.mode === 'on');
  const off = results.find((r) => r.mode === 'off');
  if (on)
    line(
      'ratio API (rules on) / COPY',
      `${((total / on.seconds / copyRate) * 100).toFixed(1)} %  (goal ≥ 40 %)`,
    );
  if (on && off) line('rules on / rules off', `${((off.seconds / on.seconds) * 100).toFixed(1)} %`);
  line('server peak memory (VmHWM)', `${peakRssMb.toFixed(0)} MB`);
} finally {
  await server?.stop();
  await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
  await admin.end({ timeout: 5 });
}

/** One batch as COPY text rows: the columns ingestion stores, payload as the same JSON. */
function copyLines(events: ServiceEventInput[], partnerId: string): string {
  const batchId = crypto.randomUUID();
  const lines = events.map(({ externalId, type, occurredAt, ...payload }) => {
    const corrects = 'correctsExternalId' in payload ? String(payload.correctsExternalId) : '\\N';
    // Text format: backslash is the escape character (the generated JSON has no tabs or newlines).
    const json = JSON.stringify(payload).replace(/\\/g, '\\\\');
    return [partnerId, externalId, type, new Date(occurredAt).toISOString(), json, corrects, batchId].join(
      '\t',
    );
  });
  return `${lines.join('\n')}\n`;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en').padStart(9);
}

/** Peak resident set size of a process in MB, from the kernel's high-water mark. */
function peakRss(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
