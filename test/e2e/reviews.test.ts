import path from 'node:path';
import { previousQuarter } from '@outpost/core';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';

const fixture = (name: string) => path.join(repoRoot, 'packages/core/test/fixtures', name);

describe.skipIf(!e2eEnabled)('quarterly reviews', () => {
  const browser = useBrowser();
  const quarter = previousQuarter();

  test('a risk officer drafts and finalises a review; the partner uploads evidence and acknowledges it', async () => {
    const staff = await newPage(browser());
    try {
      const { page } = staff;
      // The refused finalisation below answers 422, which Chromium logs.
      staff.expectConsoleError(/status of 422/);
      await signInAs(page, 'risk@outpost.test');
      await page.waitForURL('**/s');
      await followNavLink(page, '季度考核');
      await page.waitForURL('**/s/reviews');
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '季度考核' }).isVisible())
        .toBe(true);

      // Drafting is idempotent, so pressing the button on a server other tests share is safe.
      await page.getByRole('button', { name: `生成 ${quarter} 季度考核草稿` }).click();
      await expect
        .poll(() => page.getByText(new RegExp(`已为 ${quarter} 生成 \\d+ 份考核草稿`)).isVisible())
        .toBe(true);

      // Filter to this quarter's drafts and open the demo partner's review.
      await page.getByLabel('季度', { exact: true }).selectOption(quarter);
      await page.getByLabel('状态', { exact: true }).selectOption('draft');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'draft');
      const table = page.getByRole('table', { name: '季度考核' });
      // The URL changes a moment before the filtered list replaces the previous one.
      const partnerLink = table.getByRole('link', { name: demo.partnerAdmin.partner });
      await expect.poll(() => partnerLink.count()).toBe(1);
      await partnerLink.click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`${quarter} 季度考核：${demo.partnerAdmin.partner}`);
      expect(await page.getByRole('heading', { name: '生成草稿时的绩效记分卡' }).isVisible()).toBe(true);

      // A rectification without items is refused, with the error tied to the items.
      await page.getByLabel('考核意见', { exact: true }).fill('投诉处理时效未达标，请限期整改。');
      await page.getByLabel('考核决定', { exact: true }).selectOption('rectification');
      await page.locator('summary', { hasText: '定稿并通知合作机构' }).click();
      await page.locator('button[value="finalise"]').click();
      await expect
        .poll(() => page.getByText('限期整改须至少列出一项整改事项及其截止日期。').first().isVisible())
        .toBe(true);

      await page.getByLabel('事项 1：整改内容', { exact: true }).fill('建立投诉 48 小时响应机制');
      await page.getByLabel('事项 1：截止日期', { exact: true }).fill('2099-06-30');
      // The confirmation stayed open after the refusal.
      const confirm = page.locator('button[value="finalise"]');
      if (!(await confirm.isVisible()))
        await page.locator('summary', { hasText: '定稿并通知合作机构' }).click();
      await confirm.click();
      await expect.poll(() => page.getByText('考核已定稿，已通知合作机构。').isVisible()).toBe(true);
      await expect.poll(() => page.getByText('已定稿，待合作机构确认').isVisible()).toBe(true);
      await expect
        .poll(() => page.getByRole('heading', { name: '建立投诉 48 小时响应机制' }).isVisible())
        .toBe(true);
      staff.assertNoConsoleErrors();
    } finally {
      await staff.close();
    }

    const partner = await newPage(browser());
    try {
      const { page } = partner;
      // The disguised executable below is refused with 415, and submitting without evidence
      // with 422; Chromium logs both.
      partner.expectConsoleError(/status of 415/);
      partner.expectConsoleError(/status of 422/);
      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      await followNavLink(page, '季度考核');
      await page.waitForURL('**/p/reviews');
      await page.getByRole('link', { name: `${quarter} 季度考核：${demo.partnerAdmin.partner}` }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`${quarter} 季度考核：${demo.partnerAdmin.partner}`);
      expect(await page.getByText('投诉处理时效未达标，请限期整改。').isVisible()).toBe(true);

      // Submitting the item before any evidence is uploaded names the field and what to do.
      await page.getByRole('button', { name: '提交核验' }).click();
      await expect.poll(() => page.getByText('整改证据：请上传至少一个文件').first().isVisible()).toBe(true);

      // Evidence for the rectification item: the type is checked by content.
      await page
        .getByLabel('佐证材料文件', { exact: true })
        .setInputFiles(fixture('disguised-executable.pdf'));
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await expect
        .poll(() => page.getByText('仅接受 PDF、PNG、JPEG、Word（DOCX）和 Excel（XLSX）文件。').isVisible())
        .toBe(true);
      await page.getByLabel('佐证材料文件', { exact: true }).setInputFiles(fixture('licence.pdf'));
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await expect.poll(() => page.getByText('佐证材料已上传。').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: '下载 licence.pdf' }).getAttribute('href')).toMatch(
        /^\/api\/v1\/rectification-evidence\/[0-9a-f-]+\/file$/,
      );

      await page.getByRole('button', { name: '确认考核结果' }).click();
      await expect.poll(() => page.getByText('您已确认该考核。').isVisible()).toBe(true);
      await expect.poll(() => page.getByText('已确认', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '确认考核结果' }).count()).toBe(0);
      partner.assertNoConsoleErrors();
    } finally {
      await partner.close();
    }
  });
});
