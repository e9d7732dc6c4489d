import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';

const RISK_OFFICER = 'risk@outpost.test';
const XINDA = '信达理赔服务有限公司';
const XINDA_ADMIN = 'admin@xinda-claims.test';
const OTHER_PARTNER_ADMIN = 'admin@anshun-claims.test';
const pdf = path.join(repoRoot, 'packages/core/test/fixtures/licence.pdf');
const INTERNAL = 'Internal: ask legal whether the renewal is already filed';
const TO_PARTNER = 'Please upload the renewed financial statements.';
const REPLY = 'The renewed statements are attached; the auditor signed them yesterday.';

describe.skipIf(!e2eEnabled)('risk alerts shared with the partner', () => {
  const browser = useBrowser();

  test('staff share an alert and write to the partner; the partner replies with evidence; staff see it; the internal note never reaches the partner', async () => {
    const staff = await newPage(browser());
    const partner = await newPage(browser());
    const other = await newPage(browser());
    try {
      // Staff: find 信达's open alert, keep an internal note, share it, write to the partner.
      await signInAs(staff.page, RISK_OFFICER);
      await staff.page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s' }, maxRedirects: 0 });
      await staff.page.goto(`/s/risk/alerts?q=${encodeURIComponent(XINDA)}`);
      await staff.page.getByRole('row').filter({ hasText: XINDA }).first().getByRole('link').first().click();
      await staff.page.waitForURL(/\/s\/risk\/alerts\/[0-9a-f-]{36}$/);
      const alertPath = new URL(staff.page.url()).pathname;
      const alertId = alertPath.split('/').pop()!;
      const thread = staff.page.getByRole('region', { name: 'Notes and messages' });
      await expect.poll(() => thread.getByText('Not shared with the partner.').isVisible()).toBe(true);
      // Writing to the partner is offered only once the alert is shared.
      expect(await thread.getByLabel(/^Message to the partner/).isDisabled()).toBe(true);
      await thread.getByLabel('Internal note (staff only)').check();
      await thread.getByLabel('Comment', { exact: true }).fill(INTERNAL);
      await thread.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => staff.page.getByText('Comment added.').isVisible()).toBe(true);
      await thread.getByRole('button', { name: 'Share with the partner' }).click();
      await expect
        .poll(() => staff.page.getByText('The alert is shared with the partner.').isVisible())
        .toBe(true);
      await thread.getByLabel(/^Message to the partner/).check();
      await thread.getByLabel('Comment', { exact: true }).fill(TO_PARTNER);
      await thread.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => thread.getByText(TO_PARTNER).isVisible()).toBe(true);

      // The partner: the alert is in its list; the thread has the message, never the internal note.
      await signInAs(partner.page, XINDA_ADMIN);
      await partner.page.request.post('/lang', { form: { locale: 'en', redirectTo: '/p' }, maxRedirects: 0 });
      // The partner's home says how many shared alerts are open and leads to them.
      await partner.page.goto('/p');
      const card = partner.page.getByRole('region', { name: 'Risk alerts to answer' });
      expect(await card.getByText(/still open/).isVisible()).toBe(true);
      await card.getByRole('link', { name: 'Open the risk alerts' }).click();
      await partner.page.waitForURL('**/p/risk/alerts?status=live');
      await partner.page.locator(`a[href="/p/risk/alerts/${alertId}"]`).click();
      await partner.page.waitForURL(`**/p/risk/alerts/${alertId}`);
      const partnerThread = partner.page.getByRole('region', { name: 'Messages and evidence' });
      await expect.poll(() => partnerThread.getByText(TO_PARTNER).isVisible()).toBe(true);
      expect(await partner.page.getByText(INTERNAL).count()).toBe(0);
      expect(await partner.page.content()).not.toContain(INTERNAL);
      // Nothing of the rule: no link into the console.
      expect(await partner.page.locator('a[href^="/s/"]').count()).toBe(0);
      await partner.page.getByLabel('Your reply').fill(REPLY);
      await partner.page.getByRole('button', { name: 'Send reply' }).click();
      await expect.poll(() => partner.page.getByText('Your reply was sent.').isVisible()).toBe(true);
      // The box is empty again: the reply is in the thread, not waiting to be sent twice.
      expect(await partner.page.getByLabel('Your reply').inputValue()).toBe('');
      await expect.poll(() => partnerThread.getByText(REPLY).isVisible()).toBe(true);
      await partner.page.getByLabel(/^Evidence file/).setInputFiles(pdf);
      await partner.page.getByRole('button', { name: 'Upload evidence' }).click();
      await expect
        .poll(() => partner.page.getByText('The evidence file was uploaded.').isVisible())
        .toBe(true);
      await expect
        .poll(() => partnerThread.getByRole('link', { name: 'licence.pdf' }).isVisible())
        .toBe(true);

      // biome-ignore lint/suspicious/noUndeclaredEnvVars: a screenshot for a person looking at the run
      const shots = process.env.E2E_SCREENSHOTS;
      if (shots) await partner.page.screenshot({ path: `${shots}/risk-partner-alert.png`, fullPage: true });

      // Another partner cannot open it.
      await signInAs(other.page, OTHER_PARTNER_ADMIN);
      const foreign = await other.page.goto(`/p/risk/alerts/${alertId}`);
      expect(foreign?.status()).toBe(404);
      expect(await other.page.content()).not.toContain(TO_PARTNER);

      // Staff see the reply from the partner and the file; the internal note is marked as such.
      await staff.page.reload();
      await expect.poll(() => thread.getByText(REPLY).isVisible()).toBe(true);
      const reply = thread.getByRole('listitem').filter({ hasText: REPLY });
      expect(await reply.getByText('From the partner').isVisible()).toBe(true);
      const note = thread.getByRole('listitem').filter({ hasText: INTERNAL });
      expect(await note.getByText(/Internal note — never shown to the partner/).isVisible()).toBe(true);
      const file = thread.getByRole('link', { name: 'licence.pdf' });
      const download = await staff.page.request.get((await file.getAttribute('href'))!);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toBe('application/pdf');
      if (shots) await staff.page.screenshot({ path: `${shots}/risk-staff-thread.png`, fullPage: true });
      staff.assertNoConsoleErrors();
      partner.assertNoConsoleErrors();
    } finally {
      await staff.close();
      await partner.close();
      await other.close();
    }
  });

  test('the response dashboard shows, per level, the share answered within the deadline, the median and a chart', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, 'auditor@outpost.test');
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s');
      await followNavLink(page, 'Response times');
      await page.waitForURL('**/s/risk/response');
      // The URL changes a moment before React commits the new page.
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Response to risk alerts');
      // One chart per level, each with its month-by-month table.
      await expect.poll(() => page.locator('svg[role="img"]').count()).toBe(3);
      expect(await page.getByRole('table').count()).toBe(3);
      expect(await page.getByTestId('response-total-share').textContent()).toMatch(/^\d+%$/);
      // biome-ignore lint/suspicious/noUndeclaredEnvVars: a screenshot for a person looking at the run
      if (process.env.E2E_SCREENSHOTS)
        await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/risk-response.png`, fullPage: true });
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
