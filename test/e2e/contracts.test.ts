import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setContractApprovers, systemActor } from '@outpost/core';
import { openDatabase, users } from '@outpost/db';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, type WatchedPage } from '../support/browser.ts';
import { createRunDatabase, type RunDatabase } from '../support/e2e-database.ts';
import { demo, e2eEnabled, followNavLink, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { type RunningServer, startServer } from '../support/e2e-server.ts';

/**
 * A contract from draft to signature, across both portals: legal drafts one for 华安 (an
 * important partner, so legal reviews it), a value of the wrong type is refused under its field,
 * legal edits a clause, submits, reads the edit as a word diff and approves it, the configured approver approves it in the console, the partner
 * administrator downloads the PDF and uploads the countersigned copy, and both portals show it
 * active — in Chinese and in English.
 *
 * This file runs its own server, because the approvers of the agency category must be set
 * (core's setContractApprovers) in its database before anyone submits: against PostgreSQL while
 * it runs; with the embedded database (one process at a time) between a first start, which
 * seeds the demo, and a second.
 */
const LEGAL = 'legal@outpost.test';
const APPROVER = 'committee1@outpost.test';
const HUAAN = demo.partnerAdmin.partner;

let server: RunningServer;
let runDatabase: RunDatabase | null = null;
let dataDir: string | null = null;

async function configureApprovers(open: Parameters<typeof openDatabase>[0]) {
  const conn = await openDatabase(open);
  try {
    const [approver] = await conn.db.select().from(users).where(eq(users.email, APPROVER));
    await setContractApprovers(conn.db, systemActor('e2e'), {
      serviceCategory: 'agency',
      userIds: [approver!.id],
    });
  } finally {
    await conn.close();
  }
}

beforeAll(async () => {
  if (!e2eEnabled) return;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    runDatabase = await createRunDatabase(adminUrl);
    server = await startServer({ env: { DATABASE_URL: runDatabase.url } });
    await configureApprovers({ url: runDatabase.url, statementConnections: 1, transactionConnections: 1 });
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-contracts-'));
    const first = await startServer({ env: { DATA_DIR: dataDir } });
    await first.stop();
    await configureApprovers({ dataDir: path.join(dataDir, 'pglite') });
    server = await startServer({ env: { DATA_DIR: dataDir } });
  }
}, 420_000);
afterAll(async () => {
  await server?.stop();
  await runDatabase?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function useLanguage(page: Page, locale: 'zh-CN' | 'en') {
  await page.request.post('/lang', { form: { locale, redirectTo: '/' }, maxRedirects: 0 });
}

const statusBadge = (page: Page, name: string) => page.locator('header .ui-badge', { hasText: name });

describe.skipIf(!e2eEnabled)('contracts from draft to signature', () => {
  const browser = useBrowser();
  const open = (b: Browser): Promise<WatchedPage> => openPage(b, server.baseUrl);

  test('legal drafts and reviews, the approver approves, the partner signs; both portals show it active', async () => {
    let contractUrl = '';
    let reference = '';

    // Legal drafts the contract.
    const legal = await open(browser());
    // The refused value answers 422, which the browser logs.
    legal.expectConsoleError(/status of 422/);
    try {
      const { page } = legal;
      await signInAs(page, LEGAL);
      await useLanguage(page, 'zh-CN');
      await page.goto('/s');
      await followNavLink(page, '合同');
      await page.waitForURL('**/s/contracts');
      await page.getByRole('link', { name: '起草合同' }).click();
      await page.waitForURL('**/s/contracts/new');
      await page.getByLabel('合作方', { exact: true }).selectOption({ label: HUAAN });
      await page.getByRole('button', { name: '继续' }).click();
      await page.getByLabel('模板', { exact: true }).waitFor();
      await page.getByLabel('模板', { exact: true }).selectOption({ label: '保险代理服务合同 · 保险代理' });
      await page.getByRole('button', { name: '继续' }).click();
      await page.getByLabel('起始日期', { exact: true }).waitFor();

      await page.getByLabel('起始日期', { exact: true }).fill('2027-01-01');
      await page.getByLabel('终止日期', { exact: true }).fill('2028-12-31');
      await page.getByLabel('通知期（天）', { exact: true }).fill('60');
      await page.getByLabel('年度金额（元）', { exact: true }).fill('2000000');
      await page.getByLabel('适用法律', { exact: true }).fill('中华人民共和国法律');
      const values: [string, string][] = [
        ['容忍月数', '3'],
        ['每项抵扣比例', '5'],
        ['保密年限', '5'],
        ['事件报告时限（小时）', '2'],
        ['责任上限（元）', '一百万'], // not an amount: refused under its field
        ['通知期（日）', '10'],
        ['服务地点', '上海市浦东新区'],
        ['恢复时限（小时）', '4'],
        ['解除通知期（日）', '90'],
        ['返还期限（日）', '30'],
        ['年度学时', '36'],
      ];
      for (const [label, value] of values) await page.getByLabel(label, { exact: true }).fill(value);
      const firstTarget = page.getByRole('group', { name: '目标 1' });
      await firstTarget.getByLabel('指标', { exact: true }).selectOption({ label: '处理时效' });
      await firstTarget.getByLabel('目标值', { exact: true }).fill('95');
      await page.getByRole('button', { name: '保存草稿' }).click();

      const cap = page.getByLabel('责任上限（元）', { exact: true });
      await expect.poll(() => cap.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByText('责任上限：请填写以元为单位的金额').first().isVisible()).toBe(true);
      // What was typed is kept.
      expect(await page.getByLabel('服务地点', { exact: true }).inputValue()).toBe('上海市浦东新区');
      await cap.fill('1000000');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}$/);
      contractUrl = new URL(page.url()).pathname;
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent()).toMatch(/^合同 HT-2027-\d{4}$/);
      reference = (await heading.textContent())!.replace('合同 ', '');
      expect(await statusBadge(page, '草稿').isVisible()).toBe(true);
      // The liability cap is filled in as the PDF prints it, in yuan.
      expect(
        await page
          .getByText(/1,000,000(\.00)? 元/)
          .first()
          .isVisible(),
      ).toBe(true);

      // Legal edits a clause of the draft: it is flagged to legal review with a word diff.
      await page.getByRole('link', { name: '修改草稿' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByText('第1条 双方职责').click();
      const first = page.getByLabel('第1条（中文）', { exact: true });
      await first.fill((await first.inputValue()).replace('其人员及', '其人员（含派驻人员）及'));
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByText(/其人员（含派驻人员）及/).isVisible()).toBe(true);

      // Submitted: an important partner's contract goes to legal first.
      await page.getByRole('button', { name: '提交审核' }).click();
      await expect.poll(() => page.getByText('已提交：下一步由法务审核。').isVisible()).toBe(true);
      await expect.poll(() => statusBadge(page, '法务审核').isVisible()).toBe(true);
      const review = page.getByRole('region', { name: '法务审核' });
      // The edited clause as a word diff: the added words in <ins>, announced as added.
      const added = review.locator('ins', { hasText: '派驻' });
      expect(await added.isVisible()).toBe(true);
      expect(await added.textContent()).toContain('新增：');
      expect(await review.getByRole('heading', { name: /第1条 双方职责/ }).isVisible()).toBe(true);
      await review.getByRole('button', { name: '通过', exact: true }).click();
      await expect.poll(() => page.getByText('法务审核通过：下一步由审批人审批。').isVisible()).toBe(true);
      await expect.poll(() => statusBadge(page, '审批中').isVisible()).toBe(true);
      const approval = page.getByRole('region', { name: '审批', exact: true });
      expect(await approval.getByText('1 位审批人中 0 位已同意，1 位尚未决定').isVisible()).toBe(true);
      // Legal is not an approver here: no decision buttons.
      expect(await approval.getByRole('button', { name: '同意', exact: true }).count()).toBe(0);
      expect(
        await page.getByRole('region', { name: '法务审核记录' }).getByText('第 1 版审核通过').isVisible(),
      ).toBe(true);
      legal.assertNoConsoleErrors();
    } finally {
      await legal.close();
    }

    // The configured approver approves in the console.
    const approver = await open(browser());
    try {
      const { page } = approver;
      await signInAs(page, APPROVER);
      await useLanguage(page, 'zh-CN');
      await page.goto(contractUrl);
      const approval = page.getByRole('region', { name: '审批', exact: true });
      await approval.getByRole('button', { name: '同意', exact: true }).click();
      await expect.poll(() => page.getByText('全部审批人已同意：已通知合作方签署。').isVisible()).toBe(true);
      await expect.poll(() => statusBadge(page, '待签署').isVisible()).toBe(true);
      approver.assertNoConsoleErrors();
    } finally {
      await approver.close();
    }

    // The partner administrator downloads the PDF and uploads the countersigned copy.
    const partner = await open(browser());
    // The refused upload answers 415, which the browser logs.
    partner.expectConsoleError(/status of 415/);
    try {
      const { page } = partner;
      await signInAs(page, demo.partnerAdmin.email);
      await useLanguage(page, 'zh-CN');
      await page.goto('/p');
      await followNavLink(page, '合同');
      await page.waitForURL('**/p/contracts');
      const row = page.getByRole('row').filter({ hasText: reference });
      await expect.poll(() => row.locator('.ui-badge', { hasText: '待签署' }).isVisible()).toBe(true);
      await row.getByRole('link', { name: reference }).click();
      await page.waitForURL(/\/p\/contracts\/[0-9a-f-]{36}$/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载 PDF（中文）' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${reference}-v1.pdf`);
      const pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      // Not a PDF: refused under the file field, the contract still waiting for its signature.
      const file = page.getByLabel('双方签章的合同（PDF）', { exact: true });
      await file.setInputFiles({
        name: 'signed.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('signed, honestly'),
      });
      await page.getByRole('button', { name: '上传签署版' }).click();
      await expect.poll(() => file.getAttribute('aria-invalid')).toBe('true');
      expect(await statusBadge(page, '待签署').isVisible()).toBe(true);

      await file.setInputFiles({
        name: `${reference}-signed.pdf`,
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await page.getByRole('button', { name: '上传签署版' }).click();
      await expect.poll(() => page.getByText('签署版已存档，合同已生效。').isVisible()).toBe(true);
      await expect.poll(() => statusBadge(page, '生效').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: '下载签署版' }).isVisible()).toBe(true);
      // Nothing internal: no legal review history or approval votes.
      expect(await page.getByRole('region', { name: '法务审核记录' }).count()).toBe(0);

      // In English.
      await useLanguage(page, 'en');
      await page.reload();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`Contract ${reference}`);
      expect(await statusBadge(page, 'Active').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Download the signed copy' }).isVisible()).toBe(true);
      partner.assertNoConsoleErrors();
    } finally {
      await partner.close();
    }

    // Staff see it active in the archive, in both languages.
    const staff = await open(browser());
    try {
      const { page } = staff;
      await signInAs(page, LEGAL);
      await useLanguage(page, 'zh-CN');
      await page.goto(`/s/contracts?q=${encodeURIComponent(reference)}`);
      const row = page.getByRole('row').filter({ hasText: reference });
      await expect.poll(() => row.locator('.ui-badge', { hasText: '生效' }).isVisible()).toBe(true);
      expect(await row.getByText(HUAAN).isVisible()).toBe(true);
      await useLanguage(page, 'en');
      await page.goto(contractUrl);
      await expect.poll(() => statusBadge(page, 'Active').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Download the signed copy' }).isVisible()).toBe(true);
      staff.assertNoConsoleErrors();
    } finally {
      await staff.close();
    }
  });
});
