/**
 * npm run test:faults — proof that Outpost keeps its promises with several processes on one
 * PostgreSQL while things fail (issue 14, decision record 054). A private PostgreSQL cluster,
 * two web processes, two workers (real OS processes, `main.ts --role=…`), Slack and SMTP faked
 * at their wire. Every scenario prints its figure; any loss or duplicate fails the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '@outpost/auth';
import postgres from 'postgres';
import { startSmtpSink } from '../../apps/worker/test/smtp-sink.ts';
import { freePort, type PrivateCluster, startPrivateCluster } from './cluster.ts';
import { type FaultySlack, startFaultySlack } from './fake-slack.ts';
import { type OutpostProcess, startOutpost, until, waitReady } from './processes.ts';

const started = Date.now();
const seconds = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Figure {
  scenario: string;
  ok: boolean;
  detail: string;
}
const figures: Figure[] = [];
function figure(scenario: string, ok: boolean, detail: string) {
  figures.push({ scenario, ok, detail });
  say(`${ok ? 'PASS' : 'FAIL'}  ${scenario}: ${detail}`);
}

const work = mkdtempSync(path.join(tmpdir(), 'outpost-faults-'));
const logDir = process.env.FAULTS_LOG_DIR ?? path.join(work, 'logs');
const PASSWORD = 'faults-password-2026';
const processes: OutpostProcess[] = [];
let cluster: PrivateCluster | undefined;
let slack: FaultySlack | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
let sql: postgres.Sql | undefined;

async function main() {
  say('=== test:faults: private PostgreSQL, 2 web processes, 2 workers, fake Slack and SMTP');
  cluster = await startPrivateCluster();
  say(`PostgreSQL on port ${cluster.port} (private cluster, ${seconds()})`);
  sql = postgres(cluster.url, { max: 2, onnotice: () => {} });
  slack = await startFaultySlack();
  smtp = await startSmtpSink();

  let workerCount = 0;
  const baseEnv = (name: string, extra: Record<string, string>): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (
        v !== undefined &&
        !/^(DATABASE_|SLACK_|SMTP_|SEED_|PORT$|HOST$|PUBLIC_URL$|DATA_DIR$|FILES_DIR$)/.test(k)
      )
        env[k] = v;
    }
    return {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: cluster!.url,
      DATABASE_STATEMENT_CONNECTIONS: '2',
      DATABASE_TRANSACTION_CONNECTIONS: '4',
      DATA_DIR: path.join(work, name),
      FILES_DIR: path.join(work, 'files'),
      SLACK_BOT_TOKEN: `xoxb-faults-${name}`,
      SLACK_SIGNING_SECRET: 'faults-signing-secret',
      SLACK_API_URL: slack!.apiUrl,
      SLACK_REVIEWERS_CHANNEL: 'CFAULTS',
      SMTP_URL: smtp!.url,
      AUTH_SECRET: 'faults-auth-secret-shared-by-every-process',
      AUDIT_SIGNING_KEY: 'faults-audit-signing-key-of-at-least-32-chars',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      ...extra,
    };
  };
  const startWeb = async (name: string) => {
    const port = await freePort(23000 + processes.length * 10);
    const proc = startOutpost({
      name,
      role: 'web',
      port,
      logDir,
      env: baseEnv(name, { PORT: String(port) }),
    });
    processes.push(proc);
    return proc;
  };
  const startWorkerProcess = () => {
    const name = `worker-${++workerCount}`;
    const proc = startOutpost({ name, role: 'worker', logDir, env: baseEnv(name, {}) });
    processes.push(proc);
    return proc;
  };

  // All four start together (the migration takes an advisory lock, so one of them applies it).
  const boot = Date.now();
  const webA = await startWeb('web-a');
  const webB = await startWeb('web-b');
  const workers = [startWorkerProcess(), startWorkerProcess()];
  await Promise.all([webA, webB, ...workers].map((p) => waitReady(p, 240_000)));
  await smallSeed();
  say(`Started web-a, web-b, worker-1, worker-2 and seeded the fixture in ${seconds(boot)}`);

  // --- worker killed mid-job: started first, as the dead worker's lease (2 min) runs alongside the rest.
  const killed = await startKillScenario(workers, startWorkerProcess);

  await sessionsAndThrottle(webA, webB);
  const apiKey = await apiKeyThroughBothProcesses(webA, webB);
  await outboxOnce();
  await Promise.all([slackFaults(), smtpDown()]);
  await postgresRestartDuringIngestion(webA, webB, apiKey);
  await killed();
  await schedulesOncePerPeriod(boot);
  processesSurvived();
}

/**
 * A small fixture instead of the demo seed (which takes a minute on a busy machine): two staff
 * reviewers (no second factor required for the role by default) and an active partner with its
 * administrator, who creates the events API key through the API below.
 */
async function smallSeed() {
  const hash = await hashPassword(PASSWORD);
  await sql!.begin(async (tx) => {
    await tx`insert into users (kind, email, display_name, staff_roles, password_hash, locale)
      values ('staff', 'faults.staff@outpost.test', 'Faults staff', '{reviewer}', ${hash}, 'en'),
             ('staff', 'faults.locked@outpost.test', 'Faults throttled', '{reviewer}', ${hash}, 'en')`;
    const [partner] = await tx`insert into partners (legal_name, credit_code, status)
      values ('Faults Partner Ltd', '91310000FAULTS0001', 'active') returning id`;
    const [admin] = await tx`insert into users (kind, email, display_name, password_hash, locale)
      values ('partner', 'faults.partner@partner.test', 'Faults partner admin', ${hash}, 'en') returning id`;
    await tx`insert into partner_memberships (user_id, partner_id, role) values (${admin!.id}, ${partner!.id}, 'partner_admin')`;
  });
}

// --- 1. sessions and the sign-in throttle across web processes -----------------------------------

async function signIn(web: OutpostProcess, email: string, password: string) {
  return fetch(`${web.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(30_000),
  });
}

async function sessionsAndThrottle(a: OutpostProcess, b: OutpostProcess) {
  const t = Date.now();
  const res = await signIn(a, 'faults.staff@outpost.test', PASSWORD);
  const cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const meA = await fetch(`${a.url}/api/v1/me`, { headers: { cookie } });
  const meB = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
  const idA = meA.ok ? ((await meA.json()) as { id?: string; userId?: string }) : null;
  const idB = meB.ok ? ((await meB.json()) as { id?: string; userId?: string }) : null;
  const sameUser = idA !== null && idB !== null && JSON.stringify(idA) === JSON.stringify(idB);
  figure(
    '1a session from web-a on web-b',
    res.status === 201 && meA.status === 200 && meB.status === 200 && sameUser,
    `sign-in on web-a ${res.status}, GET /api/v1/me on web-a ${meA.status}, on web-b ${meB.status}, same person: ${sameUser} (${seconds(t)})`,
  );

  // Five wrong passwords are allowed per account (packages/auth/src/throttle.ts); split across A and B
  // they must still count as five, so the sixth attempt — and then even the right password — is locked.
  const t2 = Date.now();
  const email = 'faults.locked@outpost.test';
  const statuses: string[] = [];
  for (let i = 0; i < 6; i++) {
    const web = i % 2 === 0 ? a : b;
    const r = await signIn(web, email, `wrong-password-${i}`);
    statuses.push(`${web.name === 'web-a' ? 'A' : 'B'}:${r.status}`);
  }
  const right = await signIn(a, email, PASSWORD);
  statuses.push(`A(right password):${right.status}`);
  const expected = ['A:401', 'B:401', 'A:401', 'B:401', 'A:401', 'B:429', 'A(right password):429'];
  figure(
    '1b sign-in throttle across web-a and web-b',
    JSON.stringify(statuses) === JSON.stringify(expected),
    `${statuses.join(' ')} (expected ${expected.join(' ')}; ${seconds(t2)})`,
  );
}

/** A partner administrator signs in on web-a and creates an events API key on web-b. */
async function apiKeyThroughBothProcesses(a: OutpostProcess, b: OutpostProcess): Promise<string> {
  const res = await signIn(a, 'faults.partner@partner.test', PASSWORD);
  if (res.status !== 201)
    throw new Error(`partner admin sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const created = await fetch(`${b.url}/api/v1/api-keys`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: b.url! },
    body: JSON.stringify({ name: 'faults ingestion', scopes: ['events'] }),
  });
  if (created.status !== 201)
    throw new Error(`API key creation on web-b answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { key: string }).key;
}

// --- outbox helpers ---------------------------------------------------------------------------------

async function enqueueSlack(markers: string[]) {
  for (const marker of markers) {
    await sql!`insert into outbox (channel, target, payload) values ('slack', 'channel:reviewers', ${sql!.json({ template: marker })})`;
  }
}

async function enqueueEmail(markers: string[]) {
  for (const marker of markers) {
    await sql!`insert into outbox (channel, target, payload)
      values ('email', ${`${marker.replaceAll(':', '-')}@faults.test`}, ${sql!.json({ subject: marker, body: marker, locale: 'en' })})`;
  }
}

const slackCount = (marker: string) => slack!.accepted.filter((a) => a.marker === marker).length;
const mailCount = (marker: string) => smtp!.received.filter((m) => m.subject === marker).length;

/** Waits until every marker was delivered (or the time runs out), then counts: lost = 0 deliveries, duplicated = more than one. */
async function settle(markers: string[], count: (m: string) => number, timeoutMs: number) {
  const t = Date.now();
  await until(
    'every message to be delivered',
    () => markers.every((m) => count(m) >= 1),
    timeoutMs,
    250,
  ).catch(() => {});
  const took = Date.now() - t;
  // A short grace period: a duplicate would come from a second worker's pass moments later.
  await new Promise((r) => setTimeout(r, 6_000));
  const delivered = markers.filter((m) => count(m) >= 1).length;
  const duplicated = markers.filter((m) => count(m) > 1).length;
  const rows = await sql!`select status, count(*)::int as n from outbox
    where coalesce(payload->>'template', payload->>'subject') = any(${markers}) group by status`;
  const statuses = rows.map((r) => `${r.status} ${r.n}`).join(', ');
  return { delivered, lost: markers.length - delivered, duplicated, tookMs: took, statuses };
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `faults:${prefix}:${i + 1}`);
const report = (r: Awaited<ReturnType<typeof settle>>, n: number) =>
  `${n} sent, ${r.delivered} delivered, ${r.lost} lost, ${r.duplicated} duplicated, all in ${(r.tookMs / 1000).toFixed(1)} s (outbox rows: ${r.statuses})`;
const clean = (r: Awaited<ReturnType<typeof settle>>) => r.lost === 0 && r.duplicated === 0;

// --- 3. an outbox message is delivered once with two workers -----------------------------------------

async function outboxOnce() {
  const slackMarkers = range('once', 40);
  const mailMarkers = range('oncemail', 10);
  await Promise.all([enqueueSlack(slackMarkers), enqueueEmail(mailMarkers)]);
  const [s, m] = await Promise.all([
    settle(slackMarkers, slackCount, 60_000),
    settle(mailMarkers, mailCount, 60_000),
  ]);
  const byWorker = new Map<string, number>();
  for (const a of slack!.accepted.filter((x) => slackMarkers.includes(x.marker))) {
    byWorker.set(a.token ?? '?', (byWorker.get(a.token ?? '?') ?? 0) + 1);
  }
  const split = [...byWorker].map(([token, n]) => `${token.replace('xoxb-faults-', '')} ${n}`).join(', ');
  figure(
    '3a outbox Slack messages, two workers',
    clean(s),
    `${report(s, slackMarkers.length)}; posted by ${split}`,
  );
  figure('3b outbox e-mails, two workers', clean(m), report(m, mailMarkers.length));
}

// --- 4. faults -------------------------------------------------------------------------------------

async function slackFaults() {
  const kinds = [
    ['500', 'Slack answers 500 (first attempt)'],
    ['429', 'Slack answers 429 Retry-After: 2 (first attempt)'],
    ['hang', 'Slack never answers (first attempt; client timeout 15 s)'],
  ] as const;
  // Three of each: a hung call holds its worker for the client timeout (15 s) per message.
  const markers = kinds.map(([kind]) => range(kind, 3));
  await enqueueSlack(markers.flat());
  const results = await Promise.all(markers.map((m) => settle(m, slackCount, 150_000)));
  for (const [i, [kind, label]] of kinds.entries()) {
    const attempts = markers[i]!.map((m) => slack!.attempts.get(m) ?? 0);
    figure(
      `4 ${label}`,
      clean(results[i]!) && attempts.every((n) => n >= 2),
      `${report(results[i]!, markers[i]!.length)}; attempts per message ${Math.min(...attempts)}–${Math.max(...attempts)} [${kind}]`,
    );
  }
}

async function smtpDown() {
  await smtp!.stop();
  const markers = range('smtpdown', 5);
  const t = Date.now();
  await enqueueEmail(markers);
  // Every message must have been tried (and failed) while the relay was down.
  await until(
    'the e-mails to fail against the stopped SMTP server',
    async () => {
      const [row] = await sql!`select count(*)::int as n from outbox
        where payload->>'subject' = any(${markers}) and attempts >= 1 and last_error is not null and status = 'pending'`;
      return row!.n === markers.length;
    },
    60_000,
  );
  const downFor = Date.now() - t;
  await smtp!.start();
  const r = await settle(markers, mailCount, 150_000);
  figure(
    '4 SMTP down, then up',
    clean(r),
    `${report(r, markers.length)}; relay was down ${(downFor / 1000).toFixed(1)} s with every message failed at least once`,
  );
}

async function postgresRestartDuringIngestion(a: OutpostProcess, b: OutpostProcess, apiKey: string) {
  const t = Date.now();
  // Two clients at once, one per web process, so batches are in flight when the server goes down.
  const CLIENTS = [a, b];
  const PER_CLIENT = 12;
  const BATCHES = CLIENTS.length * PER_CLIENT;
  const SIZE = 200;
  const run = `${Date.now().toString(36)}`;
  const batchIds = (n: number) => Array.from({ length: SIZE }, (_, i) => `faults-${run}-${n}-${i}`);
  const answers: {
    batch: number;
    status: number;
    tries: number;
    failures: string[];
    accepted: number;
    duplicates: number;
  }[] = [];
  let restart: Promise<void> | undefined;
  let restartedAt = 0;
  let restartDoneAt = 0;
  let inFlightAtRestart = 0;
  let inFlight = 0;
  const send = async (web: OutpostProcess, n: number) => {
    const body = JSON.stringify({
      events: batchIds(n).map((externalId, i) => ({
        externalId,
        type: 'customer_rating',
        rating: 1 + (i % 5),
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      })),
    });
    const failures: string[] = [];
    // The client's side of the contract: retry the SAME batch (same externalIds) until it is answered 2xx.
    for (let tries = 1; ; tries++) {
      let status = 0;
      let result: { accepted?: number; duplicates?: number } = {};
      inFlight++;
      try {
        const res = await fetch(`${web.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        result = (await res.json().catch(() => ({}))) as typeof result;
      } catch (error) {
        failures.push(
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.name
            : 'error',
        );
      } finally {
        inFlight--;
      }
      if (status >= 200 && status < 300) {
        answers.push({
          batch: n,
          status,
          tries,
          failures,
          accepted: result.accepted ?? 0,
          duplicates: result.duplicates ?? 0,
        });
        return;
      }
      if (status) failures.push(String(status));
      // 401 on a key that is valid is a product fault seen once after a restart (decision 054, open):
      // counted and reported below as its own failure, and retried so the storage proof goes on.
      if (status >= 400 && status < 500 && status !== 429 && status !== 401) {
        throw new Error(`batch ${n} answered ${status}`);
      }
      if (Date.now() - t > 120_000)
        throw new Error(`batch ${n} still failing after 120 s: ${failures.join(',')}`);
      await new Promise((r) => setTimeout(r, Math.min(250 * tries, 2_000)));
    }
  };
  await Promise.all(
    CLIENTS.map(async (web, c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const n = c * PER_CLIENT + i;
        const sending = send(web, n);
        if (c === 0 && i === 4) {
          // Mid-ingestion: this batch (and likely the other client's) is on its way.
          await new Promise((r) => setTimeout(r, 30));
          inFlightAtRestart = inFlight;
          restartedAt = Date.now();
          restart = cluster!.restart().then(() => {
            restartDoneAt = Date.now();
          });
        }
        await sending;
      }
    }),
  );
  await restart;
  // What is stored, per batch: all of it or none of it, and once.
  const partner = await sql!`select partner_id from api_keys where ${apiKey} like 'opk_' || id || '_%'`;
  const stored = await sql!`select split_part(external_id, '-', 3)::int as batch, count(*)::int as n,
      count(distinct external_id)::int as distinct_ids
    from service_events where external_id like ${`faults-${run}-%`} group by 1`;
  const perBatch = new Map(stored.map((r) => [r.batch as number, r.n as number]));
  const whole = answers.filter((x) => perBatch.get(x.batch) === SIZE).length;
  const half = stored.filter((r) => r.n !== SIZE && r.n !== 0).length;
  const duplicatedRows = stored.reduce((s, r) => s + (r.n - r.distinct_ids), 0);
  const lost = answers.filter((x) => (perBatch.get(x.batch) ?? 0) === 0).length;
  const acceptedTotal = answers.reduce((s, x) => s + x.accepted, 0);
  const duplicatesTotal = answers.reduce((s, x) => s + x.duplicates, 0);
  const retried = answers.filter((x) => x.tries > 1);
  const failureCounts = new Map<string, number>();
  for (const f of retried.flatMap((x) => x.failures)) failureCounts.set(f, (failureCounts.get(f) ?? 0) + 1);
  const failureKinds = [...failureCounts].map(([f, n]) => `${f} ×${n}`).join(', ') || 'none';
  // A database restart is an outage, answered 503 with Retry-After; a 500 would say "our bug".
  const answered500 = failureCounts.get('500') ?? 0;
  figure(
    '4 PostgreSQL restarted during ingestion',
    answers.length === BATCHES &&
      answered500 === 0 &&
      whole === BATCHES &&
      half === 0 &&
      lost === 0 &&
      duplicatedRows === 0 &&
      acceptedTotal + duplicatesTotal === BATCHES * SIZE &&
      partner.length === 1,
    `${BATCHES} batches × ${SIZE} events, two clients (web-a, web-b); restart with ${inFlightAtRestart} batches in flight took ${((restartDoneAt - restartedAt) / 1000).toFixed(1)} s; ` +
      `${answers.length} answered 2xx, ${whole} stored whole, ${half} half, ${lost} lost, ${duplicatedRows} duplicated; ` +
      `${retried.length} batches retried by the client (${failureKinds}), answers counted ${acceptedTotal} accepted + ${duplicatesTotal} already received; ${seconds(t)}`,
  );

  const refused = failureCounts.get('401') ?? 0;
  figure(
    '4 a valid API key is never refused around the restart',
    refused === 0,
    `${refused} answers 401 to a live key among ${answers.reduce((s, x) => s + x.tries, 0)} requests`,
  );

  // After the restart both workers must still deliver (their pools reconnect).
  const after = range('afterpg', 10);
  await enqueueSlack(after);
  const r = await settle(after, slackCount, 90_000);
  figure('4 outbox after the PostgreSQL restart', clean(r), report(r, after.length));
}

async function startKillScenario(workers: OutpostProcess[], replace: () => OutpostProcess) {
  const t = Date.now();
  const marker = 'faults:kill:1';
  let victim: OutpostProcess | undefined;
  slack!.onHang = (m, token) => {
    if (m !== marker) return;
    victim = workers.find((w) => w.slackToken === token);
    victim?.kill('SIGKILL');
  };
  await enqueueSlack([marker]);
  await until('a worker to start delivering the message and be killed', () => victim?.exit ?? false, 60_000);
  const killedAt = Date.now();
  say(
    `Killed ${victim!.name} (SIGKILL) while its Slack call was in flight (${seconds(t)}); starting a replacement`,
  );
  const replacement = replace();
  await waitReady(replacement, 120_000);
  return async () => {
    // The dead worker's claim runs out after the outbox lease (2 min); then another worker delivers it.
    const r = await settle([marker], slackCount, 200_000 - (Date.now() - killedAt));
    const by =
      slack!.accepted.find((a) => a.marker === marker)?.token?.replace('xoxb-faults-', '') ?? 'nobody';
    const [row] = await sql!`select status, attempts from outbox where payload->>'template' = ${marker}`;
    figure(
      '4 worker killed mid-job',
      clean(r) && by !== victim!.name,
      `${victim!.name} killed mid-delivery; delivered ${r.delivered}× by ${by} ${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill (lease 120 s), ${r.lost} lost, ${r.duplicated} duplicated; row ${row?.status} after ${row?.attempts} attempts`,
    );
  };
}

// --- 2. scheduled jobs: once per period, not once per worker ------------------------------------------

async function schedulesOncePerPeriod(boot: number) {
  // pg-boss files each cron occurrence under a singleton slot; two workers evaluating the same
  // cron must create one job per slot. The outbox backstop runs every minute, so a run of a few
  // minutes sees several periods of it.
  const rows =
    await sql!`select name, coalesce(singleton_on, date_trunc('minute', start_after)) as slot, count(*)::int as n,
      count(*) filter (where state = 'completed')::int as completed
    from pgboss.job where created_on >= ${new Date(boot)} and name not like '\\_\\_%' group by 1, 2 order by 1, 2`;
  const twice = rows.filter((r) => r.n > 1);
  const outbox = rows.filter((r) => r.name === 'outbox-deliver');
  const names = [...new Set(rows.map((r) => r.name as string))];
  figure(
    '2 each scheduled job once per period',
    twice.length === 0 && outbox.length >= 2,
    `${rows.length} periods of ${names.length} schedules (${names.join(', ')}) since start, ${twice.length} with more than one job; ` +
      `outbox-deliver: ${outbox.length} minutes, ${outbox.reduce((s, r) => s + r.completed, 0)} runs completed`,
  );
}

function processesSurvived() {
  const crashed = processes.filter((p) => p.exit && !p.exit.expected);
  // Error lines are reserved for bugs (decision 044): list what was logged at error, by component and message.
  const errors = new Map<string, number>();
  for (const line of processes.flatMap((p) => p.lines)) {
    if (!/"level":"(error|fatal)"/.test(line)) continue;
    const what = `${/"component":"([^"]*)"/.exec(line)?.[1] ?? '?'}: ${/"msg":"([^"]*)"/.exec(line)?.[1] ?? '?'}`;
    errors.set(what, (errors.get(what) ?? 0) + 1);
  }
  const errorList = [...errors].map(([w, n]) => `${w} ×${n}`).join('; ') || 'none';
  figure(
    'processes survived',
    crashed.length === 0,
    `${crashed.length} exited unexpectedly${crashed.length ? ` (${crashed.map((p) => p.name).join(', ')})` : ''}; error log lines: ${errorList}`,
  );
}

// A hard budget for CI (FAULTS_BUDGET_SECONDS, default 8 minutes; a run takes about 3): past it,
// fail with what was seen so far, and take the processes and the private cluster down.
const budgetMs = Number(process.env.FAULTS_BUDGET_SECONDS ?? 480) * 1000;
setTimeout(() => {
  say(`FAIL  run: over the time budget of ${budgetMs / 1000} s; process logs in ${logDir}`);
  for (const p of processes) if (!p.exit) p.child.kill('SIGKILL');
  cluster?.stop();
  process.exit(1);
}, budgetMs).unref();

// Last, so every const above is initialised when the run starts.
try {
  await main();
} catch (error) {
  figure('run', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await Promise.all(processes.map((p) => p.stop().catch(() => {})));
  await sql?.end({ timeout: 5 }).catch(() => {});
  await slack?.close().catch(() => {});
  await smtp?.stop().catch(() => {});
  cluster?.stop();
}

const failed = figures.filter((f) => !f.ok);
say(`\n=== test:faults: ${figures.length - failed.length} passed, ${failed.length} failed in ${seconds()}`);
if (failed.length > 0) {
  say(`Process logs: ${logDir}`);
  for (const p of processes) {
    say(`--- last lines of ${p.name}`);
    say(p.lines.slice(-15).join('\n'));
  }
} else if (!process.env.FAULTS_LOG_DIR) {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed.length > 0 ? 1 : 0);
