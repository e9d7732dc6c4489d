// Must stay the first import (see the module).
import './load-env.ts';
import { createServer as createHttpServer } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { ServerBuild } from 'react-router';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { loggerFor } from '@outpost/log';
import { loadConfig } from './config.ts';
import { handlerForBuild, type PortalDeps, type PortalHandler, portalRoot } from './portal.ts';
import { type Runtime, startRuntime, stopRuntime } from './runtime.ts';
import { createWebApp } from './web.ts';

/**
 * `npm run dev`: the same composition as main.ts (database, worker, API, Slack,
 * portal) in one process, except that the portal comes from Vite in middleware
 * mode — compiled on demand, with hot module replacement over this same port.
 * Vite answers its own requests (modules, /@vite/client, HMR); the rest goes to
 * the Hono app exactly as in production.
 */
const log = loggerFor('dev');
let runtime: Runtime | undefined;
let vite: ViteDevServer | undefined;
const httpServer = createHttpServer();
let stopping = false;

try {
  const config = loadConfig({ LOG_FORMAT: 'text', ...process.env });
  runtime = await startRuntime(config, { worker: true });
  const { conn, slack, storage, seeded, logins } = runtime;

  vite = await createViteServer({
    root: portalRoot,
    configFile: path.join(portalRoot, 'vite.config.ts'),
    server: { middlewareMode: true, hmr: { server: httpServer } },
    appType: 'custom',
  });
  const portal = devPortal(vite, runtime.portalDeps);
  const app = createWebApp({
    conn,
    config,
    slack,
    portal,
    storage,
    development: true,
    metrics: runtime.metrics,
  });
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
  log.info(
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
  const reason = error instanceof Error ? error.message : String(error);
  log.fatal({ reason }, 'Outpost (dev) could not start');
  process.stderr.write(`\nOutpost (dev) could not start: ${reason}\n\n`);
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
      return await handlerForBuild(build, deps, 'development')(request);
    } catch (error) {
      // Point stack traces at the source files, not Vite's transformed output.
      if (error instanceof Error) server.ssrFixStacktrace(error);
      throw error;
    }
  };
}

async function shutdown() {
  if (stopping) return;
  stopping = true;
  await vite?.close().catch((e) => log.error({ err: e }, 'vite close failed'));
  // Keep-alive connections (and the HMR socket) would otherwise hold close() open.
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) =>
    httpServer.listening ? httpServer.close(() => resolve()) : resolve(),
  );
  await stopRuntime(runtime);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    shutdown().then(() => process.exit(0));
  });
}
