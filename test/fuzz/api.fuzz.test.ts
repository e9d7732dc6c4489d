import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createWebApp } from '../../apps/server/src/web.ts';
import { documentedErrorCodes, type OpenApiDocument, openApiTargets } from './openapi-targets.ts';
import { render } from './requests.ts';
import { failureMessage, fuzzSeed, report, runTargets } from './run.ts';
import { buildWorld, signIn, type World } from './world.ts';

/**
 * Every operation of the OpenAPI document, as four actors (signed out, staff, a partner
 * administrator, an API key), with generated and hostile paths, queries and bodies,
 * through the whole server in process. FUZZ_REQUESTS sets the total (default 8,000).
 */
const total = Number(process.env.FUZZ_REQUESTS ?? 8000);

let conn: DatabaseConnection;
let world: World;
beforeAll(async () => {
  conn = await createTestDatabase();
  world = await buildWorld(conn.db);
});
afterAll(() => conn?.close());

it('no API request, however malformed, gets a 5xx or an error outside the documented shape', async () => {
  const seed = fuzzSeed();
  console.log(`API fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces this run)`);
  // The portal is not under test here: anything under /api that reaches it shows as an HTML error.
  const portal = async () =>
    new Response('<html>portal</html>', { status: 404, headers: { 'content-type': 'text/html' } });
  const app = createWebApp({ conn, config: loadConfig({}), slack: null, portal, storage: world.storage });
  const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
  const operations = Object.values(doc.paths).flatMap((ops) => Object.keys(ops)).length;
  const targets = openApiTargets(doc, world.ids, Math.ceil(total / (operations + 0.5)));

  let credentials = await signIn(world);
  const started = Date.now();
  const result = await runTargets({
    seed,
    targets,
    errorCodes: documentedErrorCodes(doc),
    // A request may have signed a session out; every operation starts signed in again.
    beforeTarget: async () => {
      credentials = await signIn(world);
    },
    send: async (recipe) => {
      const rendered = render(
        recipe,
        (name, path) => idsFor(world, name, path),
        credentials[recipe.actor],
        '/api',
      );
      const response = await app.request(rendered.url, {
        method: rendered.method,
        headers: rendered.headers,
        body: rendered.body,
      });
      return { rendered, response, api: true };
    },
  });
  console.log(report('API fuzz', seed, result, Date.now() - started));
  expect(result.requests).toBeGreaterThanOrEqual(Math.min(total, 1000));
  // Each operation is reached past authentication and validation at least once (or it only ever refuses).
  const neverSucceeded = targets.filter((t) => !result.succeeded[t.key]).map((t) => t.key);
  console.log(`operations that never answered 2xx: ${neverSucceeded.join(', ') || 'none'}`);
  if (result.failures.length > 0) expect.fail(failureMessage('API fuzz', seed, result.failures));
});

/** Ids for a path parameter: the collection named just before it (/v1/partners/{id} → partners). */
function idsFor(world: World, name: string, path: string): string[] {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  return world.ids[segments[at - 1] ?? ''] ?? world.ids[name] ?? world.ids.any ?? [];
}
