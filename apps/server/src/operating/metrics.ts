import { timingSafeEqual } from 'node:crypto';
import { type DatabaseConnection, onTransactionWait } from '@outpost/db';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What GET /metrics publishes, in Prometheus' text format (decision record 044).
 *
 * Per process (each web or worker process reports its own; Prometheus sums them):
 * request latency by route pattern, transaction waits, Node's own (memory, event loop, GC).
 * From the database at scrape time (the same figure from whichever process is scraped, so
 * never summed): outbox backlog and dead letters, job queue depth and failures, alerts,
 * pending approvals.
 */
export interface Metrics {
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  close(): void;
}

export function createMetrics(conn: DatabaseConnection): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'outpost_process_' });

  const requests = new Histogram({
    name: 'outpost_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status (this process).',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const waits = new Histogram({
    name: 'outpost_db_transaction_wait_seconds',
    help: 'Time a transaction waited for a connection of the pool (plus BEGIN) before running (this process).',
    labelNames: ['database'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const stopWaits = onTransactionWait((seconds, kind) => waits.observe({ database: kind }, seconds));

  // Figures read from the database when scraped; a failed read drops them from this scrape
  // (outpost_metrics_database_up says so) instead of failing the whole answer.
  const up = new Gauge({
    name: 'outpost_metrics_database_up',
    help: '1 when the database figures of this scrape could be read, else 0.',
    collect: () => collectOnce(),
    registers: [registry],
  });
  const outboxBacklog = new Gauge({
    name: 'outpost_outbox_backlog',
    help: 'Outbox messages pending and due now, by channel (database).',
    labelNames: ['channel'] as const,
    collect: () => collectOnce(),
    registers: [registry],
  });
  const outboxOldest = new Gauge({
    name: 'outpost_outbox_oldest_pending_seconds',
    help: 'Age of the oldest pending outbox message, by channel (database).',
    labelNames: ['channel'] as const,
    collect: () => collectOnce(),
    registers: [registry],
  });
  const outboxDead = new Gauge({
    name: 'outpost_outbox_dead_letters',
    help: 'Outbox messages given up after their last attempt, by channel (database).',
    labelNames: ['channel'] as const,
    collect: () => collectOnce(),
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'outpost_jobs',
    help: 'pg-boss jobs by queue and state (created, retry, active: the queue; failed: kept failures) (database).',
    labelNames: ['queue', 'state'] as const,
    collect: () => collectOnce(),
    registers: [registry],
  });
  const alerts = new Gauge({
    name: 'outpost_risk_alerts',
    help: 'Risk alerts by level and status (database).',
    labelNames: ['level', 'status'] as const,
    collect: () => collectOnce(),
    registers: [registry],
  });
  const approvals = new Gauge({
    name: 'outpost_approvals_pending',
    help: 'Decisions waiting for people: contracts in legal review or approval, applications at the committee (database).',
    labelNames: ['kind'] as const,
    collect: () => collectOnce(),
    registers: [registry],
  });

  // prom-client awaits each gauge's collect(): the first starts one read of all database
  // figures for this scrape, the others share it.
  let reading: Promise<void> | undefined;
  const readDatabase = async () => {
    for (const g of [outboxBacklog, outboxOldest, outboxDead, jobs, alerts, approvals]) g.reset();
    try {
      const outbox = await rows<{ channel: string; backlog: number; dead: number; oldest: number | null }>(
        conn,
        sql`select channel,
          count(*) filter (where status = 'pending' and next_attempt_at <= now())::int as backlog,
          count(*) filter (where status = 'dead')::int as dead,
          extract(epoch from now() - min(created_at) filter (where status = 'pending'))::float8 as oldest
          from outbox group by channel`,
      );
      for (const channel of ['slack', 'email']) {
        const row = outbox.find((r) => r.channel === channel);
        outboxBacklog.set({ channel }, row?.backlog ?? 0);
        outboxDead.set({ channel }, row?.dead ?? 0);
        outboxOldest.set({ channel }, row?.oldest ?? 0);
      }
      const alertRows = await rows<{ level: string; status: string; n: number }>(
        conn,
        sql`select level, status, count(*)::int as n from risk_alerts group by level, status`,
      );
      for (const r of alertRows) alerts.set({ level: r.level, status: r.status }, r.n);
      const [pending] = await rows<{ legal: number; approval: number; committee: number }>(
        conn,
        sql`select
          (select count(*)::int from contracts where status = 'legal_review') as legal,
          (select count(*)::int from contracts where status = 'approval') as approval,
          (select count(*)::int from applications where status = 'in_progress' and stage = 'committee') as committee`,
      );
      approvals.set({ kind: 'contract_legal_review' }, pending?.legal ?? 0);
      approvals.set({ kind: 'contract_approval' }, pending?.approval ?? 0);
      approvals.set({ kind: 'admission_committee' }, pending?.committee ?? 0);
      // pg-boss's schema exists once a worker has started.
      const jobRows = await rows<{ name: string; state: string; n: number }>(
        conn,
        sql`select name, state::text as state, count(*)::int as n from pgboss.job
          where state in ('created', 'retry', 'active', 'failed') group by name, state`,
      ).catch(() => []);
      for (const r of jobRows) jobs.set({ queue: r.name, state: r.state }, r.n);
      up.set(1);
    } catch {
      up.set(0);
    }
  };
  async function collectOnce() {
    reading ??= readDatabase().finally(() => {
      reading = undefined;
    });
    await reading;
  }

  return {
    registry,
    observeRequest: ({ method, route, status }, seconds) =>
      requests.observe({ method, route, status: String(status) }, seconds),
    close: stopWaits,
  };
}

async function rows<T>(conn: DatabaseConnection, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await conn.db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * GET /metrics: 404 while METRICS_TOKEN is unset (nothing to find), 401 without the right
 * `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsHandler(metrics: Metrics | null, token: string | undefined) {
  return async (c: Context) => {
    if (!metrics || !token) return c.json({ error: { code: 'not_found', message: 'No such page.' } }, 404);
    const sent = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(sent, token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.json(
        { error: { code: 'unauthenticated', message: 'Send Authorization: Bearer <METRICS_TOKEN>.' } },
        401,
      );
    }
    c.header('Content-Type', metrics.registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await metrics.registry.metrics());
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
