/**
 * Page load for the benchmarks: `users` concurrent loops requesting one page for a while, the
 * summary of several such stretches (throughput, p50/p95, CPU per request), and the whole
 * comparison of a page with the sign-in page (`comparePages`). Shared by the scorecard, target
 * dashboard and training dashboard benchmarks so all measure the same way.
 *
 * Every measured response must be the expected page: status 200 (redirects are not followed) and
 * the page's marker in its body, else the run fails — a session that is sent to the
 * authenticator set-up, or to sign-in, would otherwise be measured as if it were the page.
 */
import { type CpuSample, cpuSample } from './cpu-usage.ts';

export interface Result {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Size of a response body. */
  bytes: number;
  cpu?: CpuSample;
}

/** What one timed stretch of one page gave. */
export interface Sample {
  latencies: number[];
  seconds: number;
  bytes: number;
  cpu: CpuSample | null;
}

/** A page to measure, and what proves a response is that page and not another. */
export interface Page {
  path: string;
  /** Text only this page's markup holds (checked in every measured response). */
  marker: string;
  /** The session cookie of simulated user `i`, if the page needs one. */
  cookieFor: (i: number) => string | undefined;
}

/** Throws unless the response is the page: status 200 (not a redirect) and its marker in the body. */
export function expectPage(page: Page, status: number, body: Uint8Array, location?: string | null): void {
  if (status !== 200)
    throw new Error(
      `${page.path} answered ${status}${location ? ` (to ${location})` : ''} instead of the page: not measuring it`,
    );
  if (Buffer.from(body.buffer, body.byteOffset, body.byteLength).indexOf(page.marker) < 0)
    throw new Error(
      `${page.path} answered 200 without ${JSON.stringify(page.marker)}: not the expected page, not measuring it`,
    );
}

/** One request for the page, checked (`expectPage`); returns its body. */
export async function fetchPage(base: string, page: Page, i = 0): Promise<Uint8Array> {
  const cookie = page.cookieFor(i);
  const response = await fetch(`${base}${page.path}`, {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  const body = new Uint8Array(await response.arrayBuffer());
  expectPage(page, response.status, body, response.headers.get('location'));
  return body;
}

/**
 * `users` concurrent loops requesting the page for `duration` seconds, each response checked;
 * server-side render time is what dominates.
 */
export async function measure(
  users: number,
  base: string,
  page: Page,
  duration: number,
  sampleCpu: () => ReturnType<typeof cpuSample> = () => null,
): Promise<Sample> {
  const latencies: number[] = [];
  let bytes = 0;
  const before = sampleCpu();
  const until = performance.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const body = await fetchPage(base, page, i);
        latencies.push(performance.now() - t0);
        bytes = body.byteLength;
      }
    }),
  );
  const after = sampleCpu();
  const cpu =
    before && after
      ? {
          serverMs: after.serverMs - before.serverMs,
          serverMainMs: after.serverMainMs - before.serverMainMs,
          databaseMs: after.databaseMs - before.databaseMs,
          clientMs: after.clientMs - before.clientMs,
          machineMs: after.machineMs - before.machineMs,
        }
      : null;
  return { latencies, seconds: duration, bytes, cpu };
}

/** All rounds of one page together: throughput, percentiles and CPU per request. */
export function summarize(samples: Sample[]): Result {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const n = latencies.length || 1;
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  const cpus = samples.map((s) => s.cpu);
  const total = (key: keyof CpuSample) => cpus.reduce((sum, c) => sum + (c?.[key] ?? 0), 0) / n;
  return {
    count: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    bytes: samples.at(-1)?.bytes ?? 0,
    cpu: cpus.every((c) => c !== null)
      ? {
          serverMs: total('serverMs'),
          serverMainMs: total('serverMainMs'),
          databaseMs: total('databaseMs'),
          clientMs: total('clientMs'),
          machineMs: total('machineMs'),
        }
      : undefined,
  };
}

/** One line per page (throughput, p50/p95, page size), and a second with CPU per request when measured. */
export function printResult(label: string, r: Result, users: number, width = 28) {
  console.log(
    `${label.padEnd(width)}${r.perSecond.toFixed(1).padStart(8)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   (${r.count} requests, ${users} concurrent users, page ${(r.bytes / 1024).toFixed(1)} KB)` +
      (r.cpu
        ? `\n${''.padEnd(width)}CPU per request: server ${r.cpu.serverMs.toFixed(2)} ms (main thread ${r.cpu.serverMainMs.toFixed(2)} ms, busy ${((r.cpu.serverMainMs * r.perSecond) / 10).toFixed(0)} %), PostgreSQL ${r.cpu.databaseMs.toFixed(2)} ms, ` +
          `client ${r.cpu.clientMs.toFixed(2)} ms, whole machine ${r.cpu.machineMs.toFixed(2)} ms`
        : ''),
  );
}

/** The sign-in page, the baseline every page benchmark measures in the same run. */
export const signInPage: Page = { path: '/sign-in', marker: 'name="email"', cookieFor: () => undefined };

export interface Comparison {
  signIn: Result;
  page: Result;
  /** page / sign-in throughput, as a fraction. */
  ratio: number;
}

/**
 * The page against the sign-in page on the same server: one checked request of each, a warm-up
 * of both (module loading, JIT, PostgreSQL caches), then `rounds` alternating stretches of
 * `seconds / rounds` each — so a machine whose speed drifts (a shared VM) slows both alike instead
 * of whichever page happened to run second — with the CPU used by the server process and the
 * database's backends sampled around each stretch.
 */
export async function comparePages(options: {
  base: string;
  page: Page;
  users: number;
  seconds: number;
  rounds: number;
  /** Warm-up per page, seconds (3). */
  warmup?: number;
  serverPid: number;
  database: string;
}): Promise<Comparison> {
  const { base, page, users, seconds, serverPid, database } = options;
  const rounds = Math.max(1, options.rounds);
  const warmup = options.warmup ?? 3;
  await fetchPage(base, signInPage);
  await fetchPage(base, page);
  await measure(users, base, signInPage, warmup);
  await measure(users, base, page, warmup);
  const sample = () => cpuSample(serverPid, database);
  const signInRuns: Sample[] = [];
  const pageRuns: Sample[] = [];
  for (let round = 0; round < rounds; round++) {
    signInRuns.push(await measure(users, base, signInPage, seconds / rounds, sample));
    pageRuns.push(await measure(users, base, page, seconds / rounds, sample));
  }
  const signIn = summarize(signInRuns);
  const measured = summarize(pageRuns);
  return { signIn, page: measured, ratio: measured.perSecond / signIn.perSecond };
}

/** Both pages' lines, the p95 goal and the throughput ratio (with its goal when there is one). */
export function printComparison(
  c: Comparison,
  options: {
    label: string;
    pageLabel: string;
    users: number;
    p95GoalMs: number;
    ratioGoal?: number;
    width?: number;
  },
): void {
  const { label, users, p95GoalMs, ratioGoal, width } = options;
  printResult('GET /sign-in', c.signIn, users, width);
  printResult(options.pageLabel, c.page, users, width);
  console.log(
    `${label} p95 goal < ${p95GoalMs} ms at ${users} users: ${c.page.p95 < p95GoalMs ? 'met' : 'NOT met'} (${c.page.p95.toFixed(1)} ms)`,
  );
  console.log(
    `throughput ratio ${label} / sign-in: ${(c.ratio * 100).toFixed(1)} %${ratioGoal === undefined ? '' : ` (goal ≥ ${ratioGoal * 100} %)`}`,
  );
}
