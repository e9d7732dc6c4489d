import { describe, expect, test } from 'vitest';
import { baseUrl, demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * Issue 9, defects 1 and 2 (and issue 10.9): the API answers its own JSON errors for paths
 * and methods it does not have, and tells its users how to authenticate — in the reference
 * and on the partner's API-keys page, in both languages.
 */
describe.skipIf(!e2eEnabled)('the API explains itself', () => {
  const browser = useBrowser();

  test('an unknown API address shows the JSON error, not the portal’s page', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 404/);
    try {
      for (const path of ['/api/v1/nope', '/api/v2/partners', '/api']) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(404);
        expect(response?.headers()['content-type']).toMatch(/application\/json/);
        expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toMatchObject({
          error: { code: 'not_found', message: expect.stringContaining('/api/docs') },
        });
      }
      assertNoConsoleErrors();
    } finally {
      await close();
    }
    const patch = await fetch(`${baseUrl}/api/v1/partners`, { method: 'PATCH' });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toContain('GET');
    expect(await patch.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const anonymous = await fetch(`${baseUrl}/api/v1/events`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toContain(
      'Authorization: Bearer <API key>',
    );
  });

  test('the API reference has an Authentication section and curl examples', async () => {
    const { page, assertNoConsoleErrors, close, expectConsoleError } = await newPage(browser());
    // The reference page has no icon of its own; Chromium asks for /favicon.ico anyway.
    expectConsoleError(/favicon\.ico/);
    try {
      await page.goto('/api/docs');
      await page.getByRole('heading', { name: 'Authentication' }).waitFor();
      await expect
        .poll(() => page.getByText('Authorization: Bearer opk_<id>_<secret>').first().isVisible())
        .toBe(true);
      await page.getByRole('heading', { name: 'Send service events' }).waitFor();
      expect(await page.locator('pre', { hasText: 'curl -X POST' }).count()).toBeGreaterThanOrEqual(2);
      // Each operation says what it accepts, once the document has loaded.
      await expect
        .poll(() => page.getByText('Accepts: API key (events) or session').count())
        .toBeGreaterThan(0);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  for (const language of [
    { locale: 'zh-CN', button: '中文', heading: '系统如何使用密钥', name: '名称', create: '创建密钥' },
    {
      locale: 'en',
      button: 'English',
      heading: 'How your system uses a key',
      name: 'Name',
      create: 'Create the key',
    },
  ] as const) {
    test(`${language.locale}: the API-keys page shows the Authorization header and a curl example with the new key`, async () => {
      const { page, assertNoConsoleErrors, close } = await newPage(browser());
      try {
        await signInAs(page, demo.partnerAdmin.email);
        await page.getByRole('button', { name: language.button, exact: true }).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language.locale);
        await page.goto('/p/api-keys');
        const help = page.getByRole('region', { name: language.heading });
        await help.waitFor();
        expect(await help.getByTestId('api-key-header').textContent()).toBe(
          'Authorization: Bearer opk_<id>_<secret>',
        );
        expect(await help.getByTestId('api-key-example').textContent()).toContain('/api/v1/events');

        // A key of its own (the demo's keys are left alone): the example then carries it.
        await page
          .getByLabel(language.name, { exact: true })
          .fill(`e2e help ${language.locale} ${Date.now()}`);
        await page.getByRole('button', { name: language.create, exact: true }).click();
        await expect
          .poll(() => help.getByTestId('api-key-header').textContent())
          .toMatch(/^Authorization: Bearer opk_\w+_\w+$/);
        const key = ((await help.getByTestId('api-key-header').textContent()) ?? '').replace(
          'Authorization: Bearer ',
          '',
        );
        const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
        expect(me.status).toBe(200);
        expect(await me.json()).toMatchObject({ kind: 'api_key', scopes: ['documents'] });
        assertNoConsoleErrors();
      } finally {
        // The shared demo account keeps the language it was switched to; the other files expect Chinese.
        await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
        await close();
      }
    });
  }
});
