import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * The page CSP binds scripts to a per-response nonce (apps/server/src/security-headers.ts):
 * React Router's inline scripts must carry it, or the page would not hydrate — and Chromium
 * would log the refusal, which fails assertNoConsoleErrors.
 */
describe.skipIf(!e2eEnabled)('security headers in the browser', () => {
  const browser = useBrowser();

  test('every inline script carries the response nonce and the page hydrates under the CSP', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      const response = await page.goto('/sign-in');
      const csp = response!.headers()['content-security-policy']!;
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("default-src 'self'");
      const scripts = await page.evaluate(() =>
        [...document.querySelectorAll('script')].map((s) => ({ inline: !s.src, nonce: s.nonce })),
      );
      expect(scripts.filter((s) => s.inline).length).toBeGreaterThan(0);
      expect(scripts.filter((s) => s.inline && s.nonce !== nonce)).toEqual([]);
      // Hydrated: React Router's client took over the page.
      await page.waitForFunction(() =>
        Boolean((window as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules),
      );
      // Signing in (a client-side form submission) works, and the next page is nonce-bound too.
      await signInAs(page, demo.reviewer.email, demo.password);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
