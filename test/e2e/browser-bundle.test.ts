import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { portalDir } from '../support/e2e-paths.ts';
import { assertPortalBuilt } from '../support/portal-build.ts';

/**
 * Server code must stay out of the browser's bundles. When a page's component code imports a
 * value from a server package (@outpost/db, @outpost/log …), Vite replaces the Node built-ins it
 * needs with empty "browser external" stubs and the page throws on load — /s/register did
 * ("AsyncLocalStorage is not a constructor") for every staff role until the demo audit of
 * 6 December 2026. Fix a failure by passing the values from the route's loader instead.
 */
describe('browser bundles', () => {
  test('contain no Node built-in (no server package pulled into a page)', () => {
    assertPortalBuilt();
    const assets = path.join(portalDir, 'build', 'client', 'assets');
    const offenders = readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /vite[-_]browser[-_]external/.test(readFileSync(path.join(assets, file), 'utf8')));
    expect(offenders, 'these chunks import server code; see the comment above').toEqual([]);
  });
});
