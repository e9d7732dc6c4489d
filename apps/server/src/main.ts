import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createSlackGateway } from '@outpost/bot';
import { createStorage } from '@outpost/infra';
import { openDatabase, type DatabaseConnection } from '@outpost/db';
import { startWorker, type WorkerHandle } from '@outpost/worker';
import path from 'node:path';
import { Hono } from 'hono';
import { loadConfig } from './config.ts';
import { loadBuiltPortal, portalBuildDir } from './portal.ts';
import { prepareDatabase } from './prepare.ts';
import { createWebApp } from './web.ts';

/**
 * Starts Outpost. `--role=all` (default) runs web and worker in one process — the
 * laptop setup on the embedded database. On PostgreSQL run any number of
 * `--role=web` and `--role=worker` processes against the same DATABASE_URL.
 */
const role = (process.argv.find((a) => a.startsWith('--role='))?.split('=')[1] ?? 'all') as 'all' | 'web' | 'worker';
if (!['all', 'web', 'worker'].includes(role)) fail(`Unknown --role=${role}; use all, web or worker.`);

let conn: DatabaseConnection | undefined;
let worker: WorkerHandle | undefined;
let server: ReturnType<typeof serve> | undefined;
let stopping = false;

try {
  const config = loadConfig();
  if (!config.databaseUrl && role !== 'all') {
    fail('Separate web and worker processes need PostgreSQL: set DATABASE_URL (the embedded database is single-process).');
  }
  conn = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  const { seeded, logins } = await prepareDatabase(conn, config);
  const slack = config.slack ? createSlackGateway({ token: config.slack.botToken, apiUrl: config.slack.apiUrl }) : null;

  if (role !== 'web') {
    worker = await startWorker({ conn, slack, publicUrl: config.publicUrl, reviewersChannel: config.slack?.reviewersChannel ?? null });
  }
  if (role !== 'worker') {
    const portal = await loadBuiltPortal({ db: conn.db, slack, publicUrl: config.publicUrl });
    const root = new Hono();
    // Hashed, immutable build assets; everything else goes to the app.
    root.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), `${portalBuildDir}/client`) }));
    root.route('/', createWebApp({ conn, config, slack, portal, storage: createStorage(config.storage) }));
    server = serve({ fetch: root.fetch, port: config.port, hostname: config.host });
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
  }
  console.log(
    [
      '',
      `Outpost is running (${role}) on ${conn.kind === 'pglite' ? `the embedded database in ${config.dataDir}/` : 'PostgreSQL'}.`,
      role !== 'worker' ? `  Portal      ${config.publicUrl}/` : '',
      role !== 'worker' ? `  API docs    ${config.publicUrl}/api/docs` : '',
      role !== 'worker' ? `  Slack       ${config.publicUrl}/slack/events ${config.slack ? '(enabled)' : '(disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)'}` : '',
      role !== 'web' ? '  Worker      running (jobs, notifications, schedules)' : '',
      seeded ? '\nDemo data was created on this first run.' : '',
      logins,
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
  await worker?.stop().catch((e) => console.error('worker stop:', e));
  await conn?.close().catch((e) => console.error('database close:', e));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: finishing running work and closing the database…`);
    setTimeout(() => process.exit(1), 15_000).unref();
    shutdown().then(() => process.exit(0));
  });
}

function fail(message: string): never {
  console.error(`\nOutpost could not start: ${message}\n`);
  process.exit(1);
}
