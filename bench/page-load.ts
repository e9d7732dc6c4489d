/**
 * Page load for the benchmarks: `users` concurrent loops requesting one page for a while, and the
 * summary of several such stretches (throughput, p50/p95, CPU per request). Shared by the
 * scorecard and training dashboard benchmarks so both measure the same way.
 */
import type { CpuSample, cpuSample } from './cpu-usage.ts';

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

/** `users` concurrent loops requesting `path` for `duration` seconds; server-side render time is what dominates. */
export async function measure(
  users: number,
  base: string,
  pathname: string,
  cookieFor: (i: number) => string | undefined,
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
        const cookie = cookieFor(i);
        const response = await fetch(`${base}${pathname}`, { headers: cookie ? { cookie } : {} });
        bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
        latencies.push(performance.now() - t0);
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
