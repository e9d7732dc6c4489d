/**
 * Ingestion benchmark: POST /api/v1/events against the real server (a separate process) on
 * PostgreSQL, compared with a raw COPY of the same rows in the same run.
 *
 *   node bench/ingest.ts [--events 1000000] [--senders 4]
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
  },
});
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

/** Batch i is the same events every time it is generated: the HTTP run and the COPY run store identical rows. */
const batch = (i: number): ServiceEventInput[] =>
  sampleEvents({
    seed: i + 1,
    count: Math.min(batchSize, total - i * batchSize),
    prefix: `b${i}`,
    start: new Date('2024-12-01T00:00:00Z'),
    days: 700,
  });

let server: BenchServer | undefined;
try {
  await admin.unsafe(`create database "${database}"`);
  const conn = await openDatabase({ url, transactionConnections: 2 });
  await migrate(conn);
  const partner = await makePartner(conn.db, { legalName: 'Benchmark Claims Ltd' });
  const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const { key } = await createApiKey(conn.db, actor, { name: 'benchmark', scopes: ['events'] });
  await conn.close();

  server = await startBenchServer(url);
  const base = server.base;
  console.log(
    `server pid ${server.pid}, ${total.toLocaleString('en')} events in ${batches} batches of ≤ ${batchSize}, ${senders} concurrent senders`,
  );

  // Request bodies and COPY text are built before either clock starts, so both rates measure
  // the database path, not this process generating data.
  const bodies = Array.from({ length: batches }, (_, i) => JSON.stringify({ events: batch(i) }));
  const copyChunks = Array.from({ length: batches }, (_, i) => copyLines(batch(i), partner.id));

  // --- HTTP ingestion -------------------------------------------------------------------
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
  const httpSeconds = (performance.now() - started) / 1000;
  const peakRssMb = peakRss(server.pid);
  if (accepted !== total) throw new Error(`expected ${total} accepted, got ${accepted}`);

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
  const [{ stored, copied }] = await sql<{ stored: number; copied: number }[]>`
    select (select count(*) from service_events)::int as stored, (select count(*) from bench_copy)::int as copied`;
  await sql.end({ timeout: 5 });
  if (stored !== total || copied !== total)
    throw new Error(`row counts differ: stored ${stored}, copied ${copied}, expected ${total}`);

  const httpRate = total / httpSeconds;
  const copyRate = total / copySeconds;
  const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
  console.log('');
  line(
    'POST /api/v1/events',
    `${fmt(httpRate)} events/s  (${httpSeconds.toFixed(1)} s, with validation, dedup and rollups)`,
  );
  line('raw COPY, same rows', `${fmt(copyRate)} rows/s    (${copySeconds.toFixed(1)} s)`);
  line('ratio API / COPY', `${((httpRate / copyRate) * 100).toFixed(1)} %  (goal ≥ 40 %)`);
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
