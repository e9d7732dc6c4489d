import { describe, expect, test } from 'vitest';
import type { RouteConfigEntry } from '@react-router/dev/routes';
import routes from '../../apps/portal/app/routes.ts';
import {
  baseUrl,
  demo,
  e2eEnabled,
  newPage,
  sessionCookieFor,
  signInAs,
  useBrowser,
} from '../support/e2e-fixtures.ts';

/** Every page of the portal's route config, with its layouts, as a path to request (params filled in). */
function pagesOf(
  entries: RouteConfigEntry[],
  parent = '',
  layouts: string[] = [],
): { path: string; layouts: string[] }[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? `${parent}/${entry.path}`.replace(/\/+/g, '/') : parent;
    const within = [...layouts, entry.file];
    if (entry.children) return pagesOf(entry.children, path, within);
    return [
      { path: (path || '/').replace(/:\w+/g, '00000000-0000-4000-8000-000000000000'), layouts: within },
    ];
  });
}
const pages = pagesOf(routes);
const inArea = (layout: string) => pages.filter((p) => p.layouts.includes(layout)).map((p) => p.path);

describe.skipIf(!e2eEnabled)('access control', () => {
  const browser = useBrowser();

  test('a partner user requesting the staff console is refused', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 403/);
    try {
      await signInAs(page, 'admin@xinda-claims.test');
      await page.waitForURL('**/p');
      const response = await page.goto('/s');
      expect(response?.status()).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('无权访问');
      // No partner list, not even the other partner's name.
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByText(demo.partnerAdmin.partner).count()).toBe(0);
      // Still signed in: the header offers the way back.
      expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);

      const detail = await page.goto('/s/partners/00000000-0000-4000-8000-000000000000');
      expect(detail?.status()).toBe(403);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('staff requesting the partner portal are refused', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 403/);
    try {
      await signInAs(page, demo.reviewer.email);
      await page.waitForURL('**/s');
      const response = await page.goto('/p');
      expect(response?.status()).toBe(403);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('signed-out visitors are sent to sign in, and unknown pages say "not found"', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 404/);
    try {
      await page.goto('/s');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      const response = await page.goto('/no-such-page');
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('未找到');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
  test('every page of each area refuses the other kind of person, and every signed-in page the signed-out', async () => {
    const staffPages = inArea('routes/staff/layout.tsx');
    const partnerPages = inArea('routes/partner/layout.tsx');
    const signedInPages = inArea('routes/signed-in.tsx');
    // The walk found the areas (a renamed layout must not make this test pass vacuously).
    expect(staffPages.length).toBeGreaterThan(10);
    expect(partnerPages.length).toBeGreaterThan(5);
    // Besides the two areas: the inbox, the account page and its two-step sign-in page.
    expect(signedInPages.length).toBe(staffPages.length + partnerPages.length + 3);

    const get = (path: string, cookie?: string) =>
      fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const partner = await sessionCookieFor(demo.partnerAdmin.email);
    const staff = await sessionCookieFor(demo.admin.email);
    for (const path of staffPages) {
      const response = await get(path, partner);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      // The refusal shows nothing of the console, not even another partner's name.
      expect(await response.text()).not.toContain(demo.otherPartner.name);
    }
    for (const path of partnerPages) {
      const response = await get(path, staff);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      await response.body?.cancel();
    }
    for (const path of signedInPages) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 302 });
      expect(new URL(response.headers.get('location')!, baseUrl).pathname).toBe('/sign-in');
      await response.body?.cancel();
    }
  });
});
