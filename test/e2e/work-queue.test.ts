import { readFileSync } from 'node:fs';
import path from 'node:path';
import { previousQuarter } from '@outpost/core';
import { validCreditCode } from '@outpost/core/testing';
import { addMonths, todayInChina } from '@outpost/i18n';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  baseUrl,
  demo,
  e2eEnabled,
  newPage,
  sessionCookieFor,
  signInAs,
  useBrowser,
} from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';

const licencePdf = readFileSync(path.join(repoRoot, 'packages/core/test/fixtures/licence.pdf'));

/** The real API, for the other side of each story (the partner uploading, a reviewer deciding). */
async function api(cookie: string, method: string, url: string, body?: FormData | object) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      Cookie: cookie,
      ...(body && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return { response, json: text ? JSON.parse(text) : null };
}

interface Requirement {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  serviceCategories: string[];
  expires: boolean;
  mandatory: boolean;
  active: boolean;
}

/**
 * A new applicant of its own (so the shared demo data is left alone): invited by the reviewer,
 * its administrator accepts and uploads every required document through the API.
 */
async function newApplicant(label: string) {
  const reviewer = await sessionCookieFor(demo.reviewer.email);
  const run = Date.now().toString(36);
  const legalName = `${label} ${run}`;
  const email = `admin-${run}@work-queue.test`;
  const password = 'work-queue-password-2026';
  const { json: invited } = await api(reviewer, 'POST', '/api/v1/invitations/partners', {
    legalName,
    creditCode: validCreditCode(),
    serviceCategories: ['it'],
    contactEmail: email,
  });
  const token = (invited.invitation.acceptUrl as string).split('/invitations/')[1]!;
  const accepted = await api('', 'POST', `/api/v1/invitations/${token}/accept`, {
    displayName: '周工作',
    password,
  });
  const cookie = accepted.response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { json: catalogue } = await api(cookie, 'GET', '/api/v1/requirements');
  const required = (catalogue.items as Requirement[]).filter(
    (r) =>
      r.active && r.mandatory && (r.serviceCategories.length === 0 || r.serviceCategories.includes('it')),
  );
  const documents: Record<string, string> = {};
  for (const r of required) {
    const form = new FormData();
    form.set('file', new Blob([licencePdf], { type: 'application/pdf' }), `${r.key}.pdf`);
    form.set('requirementId', r.id);
    // Issued a month ago; the server works the expiry date out from the type's validity period.
    form.set('issueDate', addMonths(todayInChina(), -1));
    const { json } = await api(cookie, 'POST', '/api/v1/documents', form);
    documents[r.key] = json.document.id;
  }
  return {
    partnerId: invited.partnerId as string,
    legalName,
    email,
    password,
    cookie,
    reviewer,
    required,
    documents,
  };
}

/** The number on a work-queue group ("4 项待处理", "4 waiting"). */
async function countOf(group: Locator): Promise<number> {
  const text = await group.locator('.work-group__count').textContent();
  return Number(text?.match(/\d+/)?.[0]);
}

/** Puts a shared demo account back to Chinese, the language the other test files expect. */
async function backToChinese(page: Page) {
  await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
}

describe.skipIf(!e2eEnabled)('where work starts', () => {
  const browser = useBrowser();

  test('a reviewer’s work queue counts the waiting documents and application and links to each', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.reviewer.email);
      await page.waitForURL('**/s');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: '工作台' }).isVisible()).toBe(true);
      const documents = page.getByRole('region', { name: '待审核的资质文件' });
      const applications = page.getByRole('region', { name: '待推进的准入申请' });
      // A reviewer has no ballots and no reviews to run.
      expect(await page.getByRole('region', { name: '待我投票的准入申请' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: '待定稿的季度考核' }).count()).toBe(0);
      // Other tests share this server: read what is waiting, then add to it.
      const documentsBefore = await countOf(documents);
      const applicationsBefore = await countOf(applications);

      const applicant = await newApplicant('工作台测试信息技术有限公司');
      await api(applicant.cookie, 'POST', '/api/v1/applications', { serviceCategories: ['it'] });
      await page.reload();
      await expect.poll(() => countOf(documents)).toBe(documentsBefore + applicant.required.length);
      expect(await countOf(applications)).toBe(applicationsBefore + 1);
      const total = documentsBefore + applicant.required.length + applicationsBefore + 1;
      expect(await page.getByText(`共 ${total} 项待您处理`).isVisible()).toBe(true);

      // A decided document leaves the queue.
      await api(
        applicant.reviewer,
        'POST',
        `/api/v1/documents/${applicant.documents.business_licence}/review`,
        {
          decision: 'accept',
        },
      );
      await page.reload();
      await expect.poll(() => countOf(documents)).toBe(documentsBefore + applicant.required.length - 1);

      // The longest-waiting document's link opens the partner's page at that document.
      const first = documents.getByRole('link').first();
      const href = (await first.getAttribute('href'))!;
      expect(href).toMatch(/^\/s\/partners\/[0-9a-f-]{36}#doc-[0-9a-f-]{36}$/);
      await first.click();
      await page.waitForURL((url) => url.pathname === href.split('#')[0]);
      await expect.poll(() => page.locator(`[id="${href.split('#')[1]}"]`).isVisible()).toBe(true);

      // The application's link opens the application.
      await page.goBack();
      await page.waitForURL('**/s');
      const application = applications.getByRole('link').first();
      const applicationHref = (await application.getAttribute('href'))!;
      expect(applicationHref).toMatch(/^\/s\/applications\/[0-9a-f-]{36}$/);
      await application.click();
      await page.waitForURL(`**${applicationHref}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('a risk officer sees the reviews to finalise, in English too, and opens one', async () => {
    const risk = await sessionCookieFor('risk@outpost.test');
    // Drafting is idempotent, so it is safe on a server other tests share.
    await api(risk, 'POST', '/api/v1/reviews/drafts', { quarter: previousQuarter() });
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, 'risk@outpost.test');
      await page.waitForURL('**/s');
      const drafts = page.getByRole('region', { name: '待定稿的季度考核' });
      await drafts.waitFor();
      expect(await countOf(drafts)).toBeGreaterThan(0);
      for (const name of ['待答复的申诉', '待验收的整改事项', '逾期未完成的整改事项']) {
        expect(await page.getByRole('region', { name }).isVisible()).toBe(true);
      }
      // No admission work for a risk officer.
      expect(await page.getByRole('region', { name: '待审核的资质文件' }).count()).toBe(0);

      await page.getByRole('button', { name: 'English' }).click();
      const english = page.getByRole('region', { name: 'Reviews to finalise' });
      await english.waitFor();
      expect(await english.locator('.work-group__count').textContent()).toMatch(/^\d+ waiting$/);
      expect(await page.getByRole('heading', { level: 1, name: 'Work queue' }).isVisible()).toBe(true);
      const first = english.getByRole('link').first();
      const href = (await first.getAttribute('href'))!;
      expect(href).toMatch(/^\/s\/reviews\/[0-9a-f-]{36}$/);
      await first.click();
      await page.waitForURL(`**${href}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toContain(previousQuarter());
      assertNoConsoleErrors();
    } finally {
      await backToChinese(page);
      await close();
    }
  });

  test('a committee member sees only ballots and contracts awaiting their decision; an auditor is told there is nothing to do', async () => {
    const member = await newPage(browser());
    try {
      await signInAs(member.page, 'committee1@outpost.test');
      await member.page.waitForURL('**/s');
      const ballots = member.page.getByRole('region', { name: '待我投票的准入申请' });
      await ballots.waitFor();
      // The demo makes committee1 a contract approver too (decision record 040): that group, and no other.
      expect(await member.page.locator('.work-group').count()).toBe(2);
      expect(await member.page.getByRole('region', { name: '待我审批的合同' }).isVisible()).toBe(true);
      const waiting = await countOf(ballots);
      if (waiting === 0) {
        expect(await ballots.getByText('暂无待处理事项。').isVisible()).toBe(true);
      } else {
        // With ballots waiting (richer demo data), the first one opens at the committee panel.
        await ballots.getByRole('link').first().click();
        await member.page.waitForURL('**/s/applications/*');
        await member.page.getByRole('region', { name: '准入审批委员会' }).waitFor();
      }
      member.assertNoConsoleErrors();
    } finally {
      await member.close();
    }

    const auditor = await newPage(browser());
    try {
      await signInAs(auditor.page, 'auditor@outpost.test');
      await auditor.page.waitForURL('**/s');
      await expect.poll(() => auditor.page.getByText('您的角色在这里没有待办事项。').isVisible()).toBe(true);
      expect(await auditor.page.locator('.work-group').count()).toBe(0);
      auditor.assertNoConsoleErrors();
    } finally {
      await auditor.close();
    }
  });

  test('the partner home lists next steps and counts a returned document once, in both languages', async () => {
    const applicant = await newApplicant('云岭数据科技有限公司');
    await api(
      applicant.reviewer,
      'POST',
      `/api/v1/documents/${applicant.documents.business_licence}/review`,
      {
        decision: 'reject',
        reason: '营业执照复印件不清晰，请上传彩色扫描件',
      },
    );
    const licence = applicant.required.find((r) => r.key === 'business_licence')!;
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, applicant.email, applicant.password);
      await page.waitForURL('**/p');
      const steps = page.getByRole('region', { name: '下一步', exact: true });
      await steps.waitFor();
      const items = steps.getByRole('listitem');
      // First the returned document, with the reviewer's reason; then the application, not yet possible.
      expect(await items.count()).toBe(2);
      expect(await items.nth(0).getByRole('link').textContent()).toBe('重新上传“营业执照”');
      expect(await items.nth(0).textContent()).toContain('审核退回：营业执照复印件不清晰，请上传彩色扫描件');
      expect(await items.nth(1).getByRole('link').textContent()).toBe('提交准入申请');
      expect(await items.nth(1).textContent()).toContain('上传上面列出的必需文件后即可提交。');

      // Defect 8: the returned document is counted once, as returned — not also as "not uploaded".
      const card = page.locator('.home-card', { hasText: '资质文件' });
      expect(await card.locator('p').first().textContent()).toBe('1 份被退回');

      // The step leads to that document on the documents page.
      await items.nth(0).getByRole('link').click();
      await page.waitForURL((url) => url.pathname === '/p/documents' && url.hash === `#doc-${licence.id}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: '营业执照', exact: true }).isVisible())
        .toBe(true);
      expect(await page.getByText('1 份被退回', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText(/份未上传/).count()).toBe(0);

      // The same in English (this applicant's own account, so no shared preference changes).
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Qualification documents' }).waitFor();
      await page.goto('/p');
      const english = page.getByRole('region', { name: 'Next steps', exact: true });
      await english.waitFor();
      expect(await english.getByRole('link').first().textContent()).toBe(`Upload ${licence.nameEn} again`);
      expect(
        await page
          .locator('.home-card', { hasText: 'Qualification documents' })
          .locator('p')
          .first()
          .textContent(),
      ).toBe('1 returned');

      // Once the document is uploaded again and the application is in, the next step is to follow it.
      const form = new FormData();
      form.set('file', new Blob([licencePdf], { type: 'application/pdf' }), 'licence-colour.pdf');
      form.set('requirementId', licence.id);
      form.set('issueDate', addMonths(todayInChina(), -1));
      await api(applicant.cookie, 'POST', '/api/v1/documents', form);
      await api(applicant.cookie, 'POST', '/api/v1/applications', { serviceCategories: ['it'] });
      await page.reload();
      await english.waitFor();
      expect(await english.getByRole('listitem').count()).toBe(1);
      expect(await english.getByRole('link').textContent()).toBe('Follow your admission application');
      expect(await english.textContent()).toContain('Now at: Document review.');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
