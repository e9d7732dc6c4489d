import { describe, expect, test } from 'vitest';
import { e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('the auditor’s view (decision record 053)', () => {
  const browser = useBrowser();

  test('an auditor searches the audit log, reads an entry’s before/after, exports it and verifies the chain', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, 'auditor@outpost.test');
      await page.goto('/s');
      await followNavLink(page, '审计日志');
      await page.waitForURL('**/s/audit');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('审计日志');

      // Search by action prefix: the demo's supervision task and its finding.
      await page.getByLabel('操作（或以“.”结尾的前缀）').fill('supervision.');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('supervision.');
      const rows = page.getByTestId('audit-entries').locator(':scope > tbody > tr');
      await expect.poll(() => rows.count()).toBe(2);
      const created = rows.filter({ hasText: 'supervision.task_created' });
      expect(await created.getByText('孙立华').count()).toBeGreaterThan(0);
      // Its after-values, field by field.
      expect(await created.locator('ins', { hasText: '季度整改落实情况专项检查' }).count()).toBe(1);
      // The action and the entity type by name in the reader's language, the code beside them.
      expect(await created.getByText('新建监督任务').count()).toBe(1);
      expect(await created.locator('code', { hasText: 'supervision.task_created' }).count()).toBe(1);
      expect(await created.locator('[title="supervision_task"]', { hasText: '监督任务' }).count()).toBe(1);

      // The entity-type filter lists names; its value (and the URL's) stays the code.
      const entityType = page.getByLabel('对象类型');
      expect(await entityType.locator('option[value="supervision_task"]').textContent()).toBe(
        '监督任务 (supervision_task)',
      );
      await entityType.selectOption({ label: '监督任务 (supervision_task)' });
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('entityType')).toBe('supervision_task');
      await expect.poll(() => rows.count()).toBe(2);
      await entityType.selectOption('');

      // Search by actor: the risk officer's entries only.
      await page.getByLabel('操作人（姓名、邮箱或编号）').fill('孙立华');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('actor')).toBe('孙立华');
      await expect.poll(() => rows.count()).toBe(2);

      // The export carries the same search.
      const href = await page.getByRole('link', { name: '将本次查询导出为 CSV' }).getAttribute('href');
      expect(href).toContain('action=supervision.');
      const csv = await page.request.get(href!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const lines = (await csv.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toContain('操作人');
      expect(lines.slice(1).join('\n')).toContain('supervision.task_created');
      expect(lines[0]).toContain('操作（名称）');
      expect(lines.slice(1).join('\n')).toContain(
        'supervision.task_created,新建监督任务,supervision_task,监督任务',
      );

      // Verify the chain: progress, then the result — the CLI's check.
      await page.getByRole('button', { name: '校验哈希链' }).click();
      const result = page.getByTestId('chain-result');
      await expect.poll(() => result.getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
      expect(await result.textContent()).toMatch(/^哈希链完整：\d+ 条记录已通过 \d+ 个检查点校验/);
      // It came from the progress stream, not the page reloaded with ?verify=1 (the fallback).
      expect(new URL(page.url()).searchParams.get('verify')).toBeNull();
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('the page’s own check (?verify=1, what the button does without JavaScript); a reviewer cannot open the log', async () => {
    const auditor = await newPage(browser());
    const reviewer = await newPage(browser());
    try {
      await signInAs(auditor.page, 'auditor@outpost.test');
      await auditor.page.goto('/s/audit?verify=1');
      expect(await auditor.page.getByTestId('chain-result').getAttribute('data-ok')).toBe('true');
      // A pasted line that is not a checkpoint is named, not ignored; a backwards date range is said.
      await auditor.page.goto('/s/audit?verify=1&checkpoints=not-a-checkpoint');
      expect(await auditor.page.getByText('粘贴的某一行不是审计检查点任务发布的检查点').count()).toBe(1);
      expect(await auditor.page.getByTestId('chain-result').count()).toBe(0);
      const backwards = await auditor.page.goto('/s/audit?from=2026-05-02&to=2026-05-01');
      expect(backwards?.status()).toBe(200);
      expect(await auditor.page.getByRole('alert').filter({ hasText: '截止日期' }).count()).toBeGreaterThan(
        0,
      );
      await signInAs(reviewer.page, 'reviewer@outpost.test');
      const res = await reviewer.page.request.get('/s/audit', { maxRedirects: 0 });
      expect(res.status()).toBe(403);
    } finally {
      await auditor.close();
      await reviewer.close();
    }
  });

  test('the auditor reads the supervision status view and the task with its finding, and may not change it', async () => {
    const { page, close } = await newPage(browser());
    try {
      await signInAs(page, 'auditor@outpost.test');
      await page.goto('/s');
      await followNavLink(page, '监督检查');
      await page.waitForURL('**/s/supervision');
      const table = page.getByTestId('supervision-tasks');
      await table.getByRole('link', { name: '季度整改落实情况专项检查' }).click();
      await page.waitForURL(/\/s\/supervision\/[0-9a-f-]{36}$/);
      const findings = page.getByTestId('supervision-findings');
      await expect.poll(() => findings.locator(':scope > li').count()).toBe(1);
      expect(await findings.getByText('跟踪整改事项').count()).toBe(1);
      // No forms for the auditor, and a hand-made post is refused.
      expect(await page.getByRole('button', { name: '添加检查发现' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: '新建检查任务' }).count()).toBe(0);
      const post = await page.request.post(page.url(), {
        form: { intent: 'close', conclusion: 'x' },
        maxRedirects: 0,
      });
      expect(post.status()).toBe(403);
    } finally {
      await close();
    }
  });

  test('the risk officer creates a task; a due date in the past is refused with a message', async () => {
    const { page, close } = await newPage(browser());
    try {
      await signInAs(page, 'risk@outpost.test');
      await page.goto('/s/supervision/new');
      await page.getByLabel('标题', { exact: true }).fill('理赔时效抽查');
      await page.getByRole('checkbox', { name: '华东' }).check();
      await page.getByLabel('截止日期', { exact: true }).fill('2020-01-01');
      // The browser's own min= check is bypassed to reach the server's.
      await page.getByLabel('截止日期', { exact: true }).evaluate((el) => el.removeAttribute('min'));
      await page.getByRole('button', { name: '创建任务' }).click();
      await expect
        .poll(() => page.getByText('截止日期已过，请选择今天或以后的日期。').count())
        .toBeGreaterThan(0);
      const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('截止日期', { exact: true }).fill(future);
      await page.getByRole('button', { name: '创建任务' }).click();
      await page.waitForURL(/\/s\/supervision\/[0-9a-f-]{36}\?created=1$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('理赔时效抽查');
    } finally {
      await close();
    }
  });
});
