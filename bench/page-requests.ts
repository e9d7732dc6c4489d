/**
 * Requests one portal page in this process, as a signed-in benchmark user, a given number of
 * times — no HTTP, no other work — so that a tool outside (valgrind, --cpu-prof) measures the
 * portal's own cost per page view. Used by page-instructions.sh; see decision record 011.
 *
 *   node bench/scorecard.ts --events 300000 --keep-database   # prints the database it kept
 *   node bench/page-requests.ts <database url> '/p/scorecard?period=2026-Q4' 500
 *
 * The portal must be built (`npm run build`). Pages other than /sign-in are requested as
 * bench-0@bench.test, a partner user the scorecard benchmark creates.
 */
import '../apps/server/src/load-env.ts';
import '../apps/server/src/production-mode.ts';
import { createSession } from '@outpost/auth';
import { rowsOf } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadBuiltPortal } from '../apps/server/src/portal.ts';
import { startRuntime, stopRuntime } from '../apps/server/src/runtime.ts';

const [databaseUrl, pathname, countArg] = process.argv.slice(2);
if (!databaseUrl || !pathname) {
  console.error('usage: node bench/page-requests.ts <database url> <path> [requests]');
  process.exit(2);
}
const config = loadConfig({
  ...process.env,
  DATABASE_URL: databaseUrl,
  SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
});
const runtime = await startRuntime(config, { worker: false });
try {
  const portal = await loadBuiltPortal(runtime.portalDeps);
  const [user] = rowsOf<{ id: string }>(
    await runtime.conn.db.execute(sql`select id from users where email = 'bench-0@bench.test'`),
  );
  if (!user) throw new Error('no bench-0@bench.test: run bench/scorecard.ts --keep-database first');
  const { token } = await createSession(runtime.conn.db, user.id);
  const headers: Record<string, string> =
    pathname === '/sign-in' ? {} : { cookie: `outpost_session=${token}` };
  const count = Number(countArg ?? 500);
  for (let i = 0; i < count; i++) {
    const response = await portal(new Request(`http://localhost${pathname}`, { headers }));
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    await response.arrayBuffer();
  }
} finally {
  await stopRuntime(runtime);
}
