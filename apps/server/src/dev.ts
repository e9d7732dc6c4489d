import { createServer as createHttpServer } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createSlackGateway } from '@outpost/bot';
import { createStorage } from '@outpost/infra';
import { type DatabaseConnection, openDatabase } from '@outpost/db';
import { startWorker, type WorkerHandle } from '@outpost/worker';
import type { createRequestHandler, RouterContextProvider, ServerBuild } from 'react-router';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { loadConfig } from './config.ts';
import { type PortalDeps, type PortalHandler, portalRoot } from './portal.ts';
import { prepareDatabase } from './prepare.ts';
import { createWebApp } from './web.ts';

/**
 * `npm run dev`: the same composition as main.ts (database, worker, API, Slack,
 * portal) in one process, except that the portal comes from Vite in middleware
 * mode — compiled on demand, with hot module replacement over this same port.
 * Vite answers its own requests (modules, /@vite/client, HMR); the rest goes to
 * the Hono app exactly as in production.
 */
let conn: DatabaseConnection | undefined;
let worker: WorkerHandle | undefined;
let vite: ViteDevServer | undefined;
const httpServer = createHttpServer();

try {
  const config = loadConfig();
  conn = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  const { seeded, logins } = await prepareDatabase(conn, config);
  const slack = config.slack
    ? createSlackGateway({ token: config.slack.botToken, apiUrl: config.slack.apiUrl })
    : null;
  worker = await startWorker({
    conn,
    slack,
    publicUrl: config.publicUrl,
    reviewersChannel: config.slack?.reviewersChannel ?? null,
  });

  vite = await createViteServer({
    root: portalRoot,
    configFile: path.join(portalRoot, 'vite.config.ts'),
    server: { middlewareMode: true, hmr: { server: httpServer } },
    appType: 'custom',
  });
  const portal = devPortal(vite, { db: conn.db, slack, publicUrl: config.publicUrl });
  const app = createWebApp({ conn, config, slack, portal, storage: createStorage(config.storage) });
  const handle = getRequestListener(app.fetch, { hostname: config.host });
  const viteMiddlewares = vite.middlewares;
  httpServer.on('request', (req, res) => {
    viteMiddlewares(req, res, () => void handle(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('listening', resolve);
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host);
  });
  console.log(
    [
      '',
      `Outpost dev server on ${conn.kind === 'pglite' ? `the embedded database in ${config.dataDir}/` : 'PostgreSQL'} (portal with hot reload).`,
      `  Portal      ${config.publicUrl}/`,
      `  API docs    ${config.publicUrl}/api/docs`,
      seeded ? '\nDemo data was created on this first run.' : '',
      logins,
      '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
} catch (error) {
  await shutdown();
  console.error(
    `\nOutpost (dev) could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

/**
 * Loads the portal through Vite on every request, so an edit shows on the next page
 * load. The request handler comes from the portal's own entry: Vite resolves React
 * Router with the "development" condition, and the context object the portal creates
 * must come from the same copy that handles the request (it is checked with instanceof).
 */
function devPortal(server: ViteDevServer, deps: PortalDeps): PortalHandler {
  return async (request) => {
    try {
      const build = (await server.ssrLoadModule('virtual:react-router/server-build')) as ServerBuild;
      const entry = build.entry.module as unknown as PortalEntry;
      return await entry.createRequestHandler(build, 'development')(request, entry.createLoadContext(deps));
    } catch (error) {
      // Point stack traces at the source files, not Vite's transformed output.
      if (error instanceof Error) server.ssrFixStacktrace(error);
      throw error;
    }
  };
}

interface PortalEntry {
  createLoadContext(deps: PortalDeps): RouterContextProvider;
  createRequestHandler: typeof createRequestHandler;
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await vite?.close().catch((e) => console.error('vite close:', e));
  // Keep-alive connections (and the HMR socket) would otherwise hold close() open.
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) =>
    httpServer.listening ? httpServer.close(() => resolve()) : resolve(),
  );
  await worker?.stop().catch((e) => console.error('worker stop:', e));
  await conn?.close().catch((e) => console.error('database close:', e));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    shutdown().then(() => process.exit(0));
  });
}
