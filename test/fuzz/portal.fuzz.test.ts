import { pathToFileURL } from 'node:url';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import fc from 'fast-check';
import type { ServerBuild } from 'react-router';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { handlerForBuild } from '../../apps/server/src/portal.ts';
import { createWebApp } from '../../apps/server/src/web.ts';
import { assertPortalBuilt } from '../support/portal-build.ts';
import { portalServerBuild } from '../support/e2e-paths.ts';
import { hostileString, hostileValue } from './hostile.ts';
import { actionRoutes, dataUrl, type FormField, formsIn, type PortalForm } from './portal-forms.ts';
import { extraHeaders, type FieldValue, fileValue, formBody, type Recipe, render } from './requests.ts';
import { failureMessage, fuzzSeed, report, runTargets, type Target } from './run.ts';
import { type ActorName, buildWorld, signIn, type World } from './world.ts';

/**
 * Every form action of the built portal (see portal-forms.ts), posted as a signed-out
 * visitor, staff and a partner administrator with hostile fields, files and encodings,
 * both as the browser's data request and as a no-JavaScript form post. FUZZ_PORTAL_REQUESTS
 * sets the total (default 2,500).
 */
const total = Number(process.env.FUZZ_PORTAL_REQUESTS ?? 2500);
const people: ActorName[] = ['signedOut', 'staff', 'partnerAdmin'];

let conn: DatabaseConnection;
let world: World;
beforeAll(async () => {
  assertPortalBuilt();
  conn = await createTestDatabase();
  world = await buildWorld(conn.db);
});
afterAll(() => conn?.close());

const plausible = fc.constantFrom(
  '华安保险代理有限公司',
  '91440300708461136T',
  'someone@fuzz.test',
  '2026-03-31',
  '2026-Q3',
  '42',
  '0.5',
  'A reason that is long enough to be accepted.',
  'outpost-demo-2026',
);

function valueFor(field: FormField): fc.Arbitrary<FieldValue | null> {
  const text = (a: fc.Arbitrary<unknown>) =>
    a.map((v) => ({ text: typeof v === 'string' ? v : (JSON.stringify(v) ?? '') }));
  const choices: { weight: number; arbitrary: fc.Arbitrary<FieldValue | null> }[] = [
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: text(hostileString) },
    { weight: 1, arbitrary: text(hostileValue) },
  ];
  if (field.type === 'file') choices.push({ weight: 6, arbitrary: fileValue });
  else if (field.values.length > 0)
    choices.push({ weight: 8, arbitrary: text(fc.constantFrom(...field.values)) });
  else choices.push({ weight: 5, arbitrary: text(plausible) });
  return fc.oneof(...choices);
}

function recipesFor(route: string, forms: { actor: ActorName; form: PortalForm }[]): fc.Arbitrary<Recipe> {
  const fallback: PortalForm = {
    action: route.replace(/:\w+/g, 'x'),
    multipart: false,
    fields: [{ name: 'intent', type: 'hidden', values: [] }],
  };
  const candidates = forms.length > 0 ? forms : people.map((actor) => ({ actor, form: fallback }));
  return fc.constantFrom(...candidates).chain(({ actor, form }) =>
    fc.record({
      actor: fc.oneof(
        { weight: 6, arbitrary: fc.constant(actor) },
        { weight: 1, arbitrary: fc.constantFrom(...people) },
      ),
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant('POST') },
        { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH') },
      ),
      path: fc.oneof(
        { weight: 4, arbitrary: fc.constant(dataUrl(form.action)) },
        { weight: 1, arbitrary: fc.constant(form.action) },
      ),
      params: fc.constant({}),
      query: fc.constant([]),
      body: formBody(
        fc
          .tuple(
            fc.tuple(
              ...form.fields.map((f) =>
                valueFor(f).map((v) => (v ? ([f.name, v] as [string, FieldValue]) : null)),
              ),
            ),
            fc.option(
              fc.tuple(fc.constantFrom('intent', 'extra', ...form.fields.map((f) => f.name)), hostileString),
              { freq: 4 },
            ),
          )
          .map(([values, extra]) => [
            ...values.filter((v): v is [string, FieldValue] => v !== null),
            ...(extra ? [[extra[0], { text: extra[1] }] as [string, FieldValue]] : []),
          ]),
      ).map((b) => (b.kind === 'form' && !form.multipart && b.encoding === 'multipart' ? b : b)),
      headers: extraHeaders,
    }),
  );
}

it('no portal form post, however malformed, gets a 5xx or shows a stack trace', async () => {
  const seed = fuzzSeed();
  console.log(`portal fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces this run)`);
  const build = (await import(pathToFileURL(portalServerBuild).href)) as ServerBuild;
  const portal = handlerForBuild(
    build,
    {
      db: conn.db,
      slack: null,
      storage: world.storage,
      publicUrl: 'http://localhost',
      uploadMaxBytes: 1024 * 1024,
      mailEnabled: false,
    },
    'production',
  );
  const app = createWebApp({ conn, config: loadConfig({}), slack: null, portal, storage: world.storage });
  let credentials = await signIn(world);

  // Discover the forms: each action route's page, as each person.
  const routes = actionRoutes(build.routes as never);
  const discovered = new Map<string, { actor: ActorName; form: PortalForm }[]>();
  for (const route of routes) {
    const found: { actor: ActorName; form: PortalForm }[] = [];
    for (const actor of people) {
      const url = route.replace(/:(\w+)/g, (_, name: string) =>
        encodeURIComponent(world.ids[name]?.[0] ?? 'x'),
      );
      const page = await app.request(url, { headers: credentials[actor] });
      if (page.status !== 200) {
        await page.body?.cancel();
        continue;
      }
      for (const form of formsIn(await page.text(), url)) found.push({ actor, form });
    }
    discovered.set(route, found);
  }
  const perRoute = Math.ceil(total / routes.length);
  const targets: Target[] = routes.map((route) => ({
    key: route,
    count: perRoute,
    recipes: recipesFor(route, discovered.get(route) ?? []),
  }));
  const formCount = [...discovered.values()].reduce((n, f) => n + f.length, 0);
  console.log(`portal fuzz: ${routes.length} action routes, ${formCount} forms found on their pages`);

  const started = Date.now();
  const result = await runTargets({
    seed,
    targets,
    errorCodes: new Set(),
    beforeTarget: async () => {
      credentials = await signIn(world);
    },
    send: async (recipe) => {
      const rendered = render(recipe, () => [], credentials[recipe.actor], '');
      const response = await app.request(rendered.url, {
        method: rendered.method,
        headers: rendered.headers,
        body: rendered.body,
      });
      return { rendered, response, api: false };
    },
  });
  console.log(report('portal fuzz', seed, result, Date.now() - started));
  expect(formCount).toBeGreaterThan(routes.length);
  if (result.failures.length > 0) expect.fail(failureMessage('portal fuzz', seed, result.failures));
});
