// Must stay the first imports (see the modules).
import './load-env.ts';
import './production-mode.ts';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { loggerFor } from '@outpost/log';
import { loadConfig } from './config.ts';
import { loadBuiltPortal, portalBuildDir } from './portal.ts';
import { type Runtime, startRuntime, stopRuntime } from './runtime.ts';
import { securityHeaders } from './security-headers.ts';
import { createWebApp } from './web.ts';

/**
 * Starts Outpost. `--role=all` (default) runs web and worker in one process — the
 * laptop setup on the embedded database. On PostgreSQL run any number of
 * `--role=web` and `--role=worker` processes against the same DATABASE_URL.
 */
const role = (process.argv.find((a) => a.startsWith('--role='))?.split('=')[1] ?? 'all') as
  | 'all'
  | 'web'
  | 'worker';
if (!['all', 'web', 'worker'].includes(role)) fail(`Unknown --role=${role}; use all, web or worker.`);

const log = loggerFor('server');
let runtime: Runtime | undefined;
let server: ReturnType<typeof serve> | undefined;
let stopping = false;

try {
  const config = loadConfig();
  if (!config.databaseUrl && role !== 'all') {
    fail(
      'Separate web and worker processes need PostgreSQL: set DATABASE_URL (the embedded database is single-process).',
    );
  }
  runtime = await startRuntime(config, { worker: role !== 'web' });
  if (role !== 'worker') {
    const portal = await loadBuiltPortal(runtime.portalDeps);
    const root = new Hono();
    // Assets too get the security headers (the web app applies them once per request).
    root.use('*', securityHeaders());
    // Hashed, immutable build assets; everything else goes to the app.
    root.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), `${portalBuildDir}/client`) }));
    root.route(
      '/',
      createWebApp({
        conn: runtime.conn,
        config,
        slack: runtime.slack,
        portal,
        storage: runtime.storage,
        metrics: runtime.metrics,
      }),
    );
    server = serve({ fetch: root.fetch, port: config.port, hostname: config.host });
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
  }
  // One line for log search (role, database, URLs), whose message is also readable as text.
  log.info(
    {
      role,
      database: runtime.conn.kind,
      publicUrl: role !== 'worker' ? config.publicUrl : undefined,
      slack: Boolean(config.slack),
      seeded: runtime.seeded,
    },
    [
      '',
      `Outpost is running (${role}) on ${runtime.conn.kind === 'pglite' ? `the embedded database in ${config.dataDir}/` : 'PostgreSQL'}.`,
      role !== 'worker' ? `  Portal      ${config.publicUrl}/` : '',
      role !== 'worker' ? `  API docs    ${config.publicUrl}/api/docs` : '',
      role !== 'worker'
        ? `  Slack       ${config.publicUrl}/slack/events ${config.slack ? '(enabled)' : '(disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)'}`
        : '',
      role !== 'web'
        ? `  Worker      running (jobs, notifications${runtime.mailer ? ', e-mail' : ''}, schedules)`
        : '',
      runtime.seeded ? '\nDemo data was created on this first run.' : '',
      runtime.logins,
      '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
} catch (error) {
  await shutdown();
  fail(error instanceof Error ? error.message : String(error));
}

async function shutdown() {
  if (stopping) return;
  stopping = true;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await stopRuntime(runtime);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'finishing running work and closing the database');
    // pg-boss may take up to 10 s to finish running jobs; then we give up.
    setTimeout(() => process.exit(1), 15_000).unref();
    shutdown().then(() => process.exit(0));
  });
}

/** For the person starting it (stderr, as text) and for the log collector (a fatal line). */
function fail(message: string): never {
  log.fatal({ reason: message }, 'Outpost could not start');
  process.stderr.write(`\nOutpost could not start: ${message}\n\n`);
  process.exit(1);
}
