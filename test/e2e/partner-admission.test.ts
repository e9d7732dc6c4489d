import path from 'node:path';
import { validCreditCode } from '@outpost/core/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseUrl, demo, e2eEnabled, followNavLink, newPage, useBrowser } from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';

const fixtures = path.join(repoRoot, 'packages/core/test/fixtures');
const fixture = (name: string) => path.join(fixtures, name);

/** Staff invite a partner through the real API (as the staff console would), returning the accept link. */
async function inviteApplicant(email: string): Promise<{ acceptUrl: string; legalName: string }> {
  const signIn = await fetch(`${baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demo.reviewer.email, password: demo.password }),
  });
  expect(signIn.status).toBe(201);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const legalName = `星云信息技术有限公司 ${Date.now().toString(36)}`;
  const invited = await fetch(`${baseUrl}/api/v1/invitations/partners`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({
      legalName,
      creditCode: validCreditCode(),
      serviceCategories: ['it'],
      contactEmail: email,
    }),
  });
  expect(invited.status).toBe(201);
  const body = (await invited.json()) as { invitation: { acceptUrl: string } };
  return { acceptUrl: body.invitation.acceptUrl, legalName };
}

/** The card of one requirement on the documents page. */
const requirementCard = (page: Page, name: string): Locator =>
  page.locator('li.doc-card').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

async function upload(card: Locator, file: string, dates: { expiry?: string } = {}) {
  await card.getByLabel('文件', { exact: true }).setInputFiles(file);
  if (dates.expiry) await card.getByLabel('有效期至', { exact: true }).fill(dates.expiry);
  await card.getByRole('button', { name: '上传', exact: true }).click();
}

describe.skipIf(!e2eEnabled)('partner admission', () => {
  const browser = useBrowser();

  test('an invited partner admin signs up, uploads the required documents and applies', async () => {
    const email = `applicant-${Date.now().toString(36)}@xingyun-it.test`;
    const { acceptUrl, legalName } = await inviteApplicant(email);
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    // The disguised executable is refused by the API with 415, which Chromium logs.
    expectConsoleError(/status of 415/);
    try {
      // Accepting the invitation: whom it is for, then name and password.
      await page.goto(acceptUrl);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`加入${legalName}`);
      expect(await page.getByText(email).isVisible()).toBe(true);
      await page.getByLabel('您的姓名').fill('周星云');
      await page.getByLabel('设置密码').fill('xingyun-password-2026');
      await page.getByLabel('确认密码').fill('xingyun-password-2026');
      await page.getByRole('button', { name: '创建账户' }).click();
      await page.waitForURL('**/p');
      await page.getByRole('heading', { level: 1, name: '欢迎，周星云' }).waitFor();

      // Documents: the rules are said up front.
      await followNavLink(page, '资质文件');
      await page.waitForURL('**/p/documents');
      await page.getByRole('heading', { level: 1, name: '资质文件' }).waitFor();
      expect(
        await page
          .getByText(/格式以文件实际内容判定/)
          .first()
          .isVisible(),
      ).toBe(true);

      // An executable renamed .pdf: refused, and the page says why.
      const licence = requirementCard(page, '营业执照');
      await upload(licence, fixture('disguised-executable.pdf'));
      await licence.getByText(/文件被拒绝/).waitFor();
      expect(await licence.getByRole('progressbar').isVisible()).toBe(true);
      expect(await licence.getByText('未上传').isVisible()).toBe(true);

      // The real documents, each with its progress bar and a new version on the page.
      await upload(licence, fixture('licence.pdf'));
      await licence.getByText('已提交，待审核').waitFor();
      const financials = requirementCard(page, '近两年经审计的财务报表');
      await upload(financials, fixture('financials.xlsx'), { expiry: '2027-06-30' });
      await financials.getByText('已提交，待审核').waitFor();
      const infosec = requirementCard(page, '信息安全认证（等保三级或 ISO 27001）');
      await upload(infosec, fixture('scan.png'), { expiry: '2028-12-31' });
      await infosec.getByText('已提交，待审核').waitFor();
      const commitment = requirementCard(page, '数据保密与个人信息保护承诺书');
      await upload(commitment, fixture('statement.docx'));
      await commitment.getByText('已提交，待审核').waitFor();
      expect(await financials.getByText('版本记录（1）').isVisible()).toBe(true);

      // The application: nothing missing, submit, and the timeline starts at document review.
      await followNavLink(page, '准入申请');
      await page.waitForURL('**/p/application');
      await page.getByText('所需资质文件已全部上传。').waitFor();
      await page.getByRole('button', { name: '提交准入申请' }).click();
      await page.getByText('准入申请已提交').waitFor();
      const current = page.locator('[aria-current="step"]');
      expect(await current.textContent()).toContain('资料审核');
      expect(await current.textContent()).toContain('当前阶段');
      expect(await page.getByRole('listitem').filter({ hasText: '提交准入申请' }).first().isVisible()).toBe(
        true,
      );
      expect(await page.getByText('审批中').first().isVisible()).toBe(true);

      // Both pages fit a 375px phone: nothing forces them wider than the screen.
      await page.setViewportSize({ width: 375, height: 740 });
      for (const path of ['/p/application', '/p/documents']) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
