import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buttonClickPayload,
  type FakeMessage,
  type FakeSlackApi,
  interactionBody,
  signSlackRequest,
  startFakeSlackApi,
} from '@outpost/bot/testing';
import { linkSlackUser, setContractApprovers, systemActor } from '@outpost/core';
import { openDatabase, users } from '@outpost/db';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, type WatchedPage } from '../support/browser.ts';
import { createRunDatabase, type RunDatabase } from '../support/e2e-database.ts';
import { demo, e2eEnabled, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { type RunningServer, startServer } from '../support/e2e-server.ts';

/**
 * Issue 13's browser test with Slack (decision records 037 and 040): legal drafts a contract for
 * 华安, removes a mandatory clause (submission is refused, naming it) and adds it back from the
 * library, submits and approves it in legal review; the configured approver approves from the
 * ballot DM in Slack (a signed request to /slack/events, the Slack Web API faked at the wire); the
 * partner administrator downloads the PDF and uploads the countersigned copy; both portals show
 * it active with who uploaded the copy and its SHA-256, in Chinese and in English. Then legal starts
 * an amendment: the contract stays active and the partner sees nothing of it yet.
 *
 * Its own server, wired to the fake Slack workspace, with the agency category's approver set and
 * linked to Slack in its database before anything is submitted.
 */
const signingSecret = 'e2e-signing-secret-for-contracts';
const LEGAL = 'legal@outpost.test';
const APPROVER = { email: 'committee1@outpost.test', slackId: 'UCONTRACTAPPROVER' };
const HUAAN = demo.partnerAdmin.partner;
const slackEnv = (slack: FakeSlackApi) => ({
  SLACK_BOT_TOKEN: 'xoxb-e2e-token',
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: slack.apiUrl,
});

let slack: FakeSlackApi;
let server: RunningServer;
let runDatabase: RunDatabase | null = null;
let dataDir: string | null = null;

async function configureApprover(open: Parameters<typeof openDatabase>[0]) {
  const conn = await openDatabase(open);
  try {
    const [approver] = await conn.db.select().from(users).where(eq(users.email, APPROVER.email));
    const actor = systemActor('e2e');
    await setContractApprovers(conn.db, actor, { serviceCategory: 'agency', userIds: [approver!.id] });
    await linkSlackUser(conn.db, actor, {
      userId: approver!.id,
      slackUserId: APPROVER.slackId,
      slackTeamId: 'T0OUTPOST',
      via: 'portal',
    });
  } finally {
    await conn.close();
  }
}

beforeAll(async () => {
  if (!e2eEnabled) return;
  slack = await startFakeSlackApi();
  slack.addUser({ id: APPROVER.slackId, email: APPROVER.email, locale: 'zh-CN', name: '委员一' });
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    runDatabase = await createRunDatabase(adminUrl);
    server = await startServer({ env: { DATABASE_URL: runDatabase.url, ...slackEnv(slack) } });
    await configureApprover({ url: runDatabase.url, statementConnections: 1, transactionConnections: 1 });
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-contracts-slack-'));
    const first = await startServer({ env: { DATA_DIR: dataDir } });
    await first.stop();
    await configureApprover({ dataDir: path.join(dataDir, 'pglite') });
    server = await startServer({ env: { DATA_DIR: dataDir, ...slackEnv(slack) } });
  }
}, 420_000);
afterAll(async () => {
  await server?.stop();
  await slack?.close();
  await runDatabase?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function useLanguage(page: Page, locale: 'zh-CN' | 'en') {
  await page.request.post('/lang', { form: { locale, redirectTo: '/' }, maxRedirects: 0 });
}

const statusBadge = (page: Page, name: string) => page.locator('header .ui-badge', { hasText: name });

/** The ballot DM the worker posted to the approver for this contract (polls until it arrives). */
async function ballotFor(contractId: string) {
  const dm = `D${APPROVER.slackId.slice(1)}`;
  let found: FakeMessage | undefined;
  await expect
    .poll(
      () => {
        found = [...slack.messages.values()].find(
          (m) => m.channel === dm && JSON.stringify(m.blocks).includes(contractId),
        );
        return Boolean(found);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  return found!;
}

describe.skipIf(!e2eEnabled)('a contract approved in Slack, signed by the partner, then amended', () => {
  const browser = useBrowser();
  const open = (b: Browser): Promise<WatchedPage> => openPage(b, server.baseUrl);

  test('legal drafts and reviews, the approver approves in Slack, the partner signs; both portals, both languages', async () => {
    let contractUrl = '';
    let reference = '';

    const legal = await open(browser());
    // The refused submission (a mandatory clause removed) answers 422, which the browser logs.
    legal.expectConsoleError(/status of 422/);
    try {
      const { page } = legal;
      await signInAs(page, LEGAL);
      await useLanguage(page, 'zh-CN');
      await page.goto('/s/contracts/new');
      await page.getByLabel('合作方', { exact: true }).selectOption({ label: HUAAN });
      await page.getByRole('button', { name: '继续' }).click();
      await page.getByLabel('模板', { exact: true }).waitFor();
      await page.getByLabel('模板', { exact: true }).selectOption({ label: '保险代理服务合同 · 保险代理' });
      await page.getByRole('button', { name: '继续' }).click();
      await page.getByLabel('起始日期', { exact: true }).waitFor();
      await page.getByLabel('起始日期', { exact: true }).fill('2027-03-01');
      await page.getByLabel('终止日期', { exact: true }).fill('2029-02-28');
      await page.getByLabel('通知期（天）', { exact: true }).fill('60');
      await page.getByLabel('年度金额（元）', { exact: true }).fill('1500000');
      await page.getByLabel('适用法律', { exact: true }).fill('中华人民共和国法律');
      const values: [string, string][] = [
        ['容忍月数', '3'],
        ['每项抵扣比例', '5'],
        ['保密年限', '5'],
        ['事件报告时限（小时）', '2'],
        ['责任上限（元）', '1000000'],
        ['通知期（日）', '10'],
        ['服务地点', '上海市浦东新区'],
        ['恢复时限（小时）', '4'],
        ['解除通知期（日）', '90'],
        ['返还期限（日）', '30'],
        ['年度学时', '36'],
      ];
      for (const [label, value] of values) await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}$/);
      contractUrl = new URL(page.url()).pathname;
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent()).toMatch(/^合同 HT-2027-\d{4}$/);
      reference = (await heading.textContent())!.replace('合同 ', '');

      // Legal removes the training clause (mandatory for an important partner)…
      await page.getByRole('link', { name: '修改草稿' }).click();
      await page.waitForURL(/\/edit$/);
      const training = page.locator('details').filter({ hasText: '培训义务' }).last();
      await training.locator('summary').click();
      await training.getByLabel('删除此条款', { exact: true }).check();
      await page.getByRole('button', { name: '保存修改' }).click();
      // Back on the form (a clause was removed): the clause and its variable are gone.
      await expect.poll(() => page.getByLabel('年度学时', { exact: true }).count()).toBe(0);
      await page.goto(contractUrl);
      // …so submission is refused, naming the missing kind.
      await page.getByRole('button', { name: '提交审核' }).click();
      await expect.poll(() => page.getByText(/缺少必备条款.*培训义务/).isVisible()).toBe(true);
      expect(await statusBadge(page, '草稿').isVisible()).toBe(true);

      // It is added back from the library, its variable filled, and a contract-specific clause too.
      await page.getByRole('link', { name: '修改草稿' }).click();
      await page.waitForURL(/\/edit$/);
      await page.locator('select[name="add.library"]').selectOption({ label: '培训义务' });
      await page.locator('select[name="add.kind"]').selectOption({ label: '服务标准（SLA）' });
      await page.getByLabel('标题（中文）', { exact: true }).fill('驻场服务');
      await page.getByLabel('标题（英文）', { exact: true }).fill('On-site service');
      await page.getByLabel('正文（中文）', { exact: true }).fill('乙方应在甲方营业时间内派驻至少两名人员。');
      await page
        .getByLabel('正文（英文）', { exact: true })
        .fill('The provider keeps two people on site in business hours.');
      await page.getByRole('button', { name: '保存修改' }).click();
      await expect.poll(() => page.getByLabel('年度学时', { exact: true }).count()).toBe(1);
      await page.getByLabel('年度学时', { exact: true }).fill('36');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByRole('heading', { name: /驻场服务/ }).isVisible()).toBe(true);

      // Submitted to legal (an important partner; a clause of its own): legal reads it and approves.
      await page.getByRole('button', { name: '提交审核' }).click();
      await expect.poll(() => statusBadge(page, '法务审核').isVisible()).toBe(true);
      const review = page.getByRole('region', { name: '法务审核' });
      expect(await review.locator('ins', { hasText: '派驻至少两名人员' }).isVisible()).toBe(true);
      await review.getByRole('button', { name: '通过', exact: true }).click();
      await expect.poll(() => statusBadge(page, '审批中').isVisible()).toBe(true);
      legal.assertNoConsoleErrors();
    } finally {
      await legal.close();
    }

    // The approver approves from the ballot DM in Slack.
    const contractId = contractUrl.split('/').pop()!;
    const ballot = await ballotFor(contractId);
    expect(ballot.text).toContain(reference);
    const actions = ballot.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      block_id: string;
    };
    const payload = buttonClickPayload({
      user: { id: APPROVER.slackId },
      actionId: 'contract_approve',
      value: contractId,
      message: ballot,
      responseUrl: slack.responseUrl(),
    });
    (payload.actions as { block_id: string }[])[0]!.block_id = actions.block_id;
    const { body, contentType } = interactionBody(payload);
    const click = () =>
      fetch(`${server.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { ...signSlackRequest({ secret: signingSecret, body }), 'content-type': contentType },
        body,
      });
    expect((await click()).status).toBe(200);
    // Slack retries the same click: acknowledged, nothing decided twice.
    expect((await click()).status).toBe(200);
    // The ballot is redrawn with the outcome, its buttons gone.
    await expect
      .poll(() => ballot.updates > 0 && !JSON.stringify(ballot.blocks).includes('contract_approve'), {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(true);

    // The partner administrator downloads the PDF and uploads the countersigned copy.
    const partner = await open(browser());
    try {
      const { page } = partner;
      await signInAs(page, demo.partnerAdmin.email);
      await useLanguage(page, 'zh-CN');
      await page.goto(`/p/contracts/${contractId}`);
      await expect.poll(() => statusBadge(page, '待签署').isVisible()).toBe(true);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载 PDF（中文）' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${reference}-v1.pdf`);
      const pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByLabel('双方签章的合同（PDF）', { exact: true }).setInputFiles({
        name: `${reference}-signed.pdf`,
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await page.getByRole('button', { name: '上传签署版' }).click();
      await expect.poll(() => statusBadge(page, '生效').isVisible()).toBe(true);
      const copies = page.getByRole('region', { name: '回签件' });
      await expect.poll(() => copies.getByText(/第 1 版（合同），由 .+ 于 .+ 上传/).isVisible()).toBe(true);
      const hash = (await copies.locator('code').textContent()) ?? '';
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      // Shown once on the page: the history section no longer repeats the countersigned copies.
      expect(await page.getByText(hash, { exact: true }).count()).toBe(1);
      // Nothing internal: no legal review history or approval votes.
      expect(await page.getByRole('region', { name: '法务审核记录' }).count()).toBe(0);
      await useLanguage(page, 'en');
      await page.reload();
      await expect.poll(() => statusBadge(page, 'Active').isVisible()).toBe(true);
      expect(
        await page
          .getByRole('region', { name: 'Countersigned copies' })
          .getByText(/Version 1 \(contract\)/)
          .isVisible(),
      ).toBe(true);
      partner.assertNoConsoleErrors();
    } finally {
      await partner.close();
    }

    // Staff see it active (approved in Slack), in both languages; then legal starts an amendment.
    const staff = await open(browser());
    try {
      const { page } = staff;
      await signInAs(page, LEGAL);
      await useLanguage(page, 'en');
      await page.goto(contractUrl);
      await expect.poll(() => statusBadge(page, 'Active').isVisible()).toBe(true);
      const staffCopies = page.getByRole('region', { name: 'Countersigned copies' });
      expect(await staffCopies.getByText('SHA-256').isVisible()).toBe(true);
      const staffHash = (await staffCopies.locator('code').textContent()) ?? '';
      expect(await page.getByText(staffHash, { exact: true }).count()).toBe(1);
      await useLanguage(page, 'zh-CN');
      await page.reload();
      await expect.poll(() => statusBadge(page, '生效').isVisible()).toBe(true);
      const amendment = page.getByRole('region', { name: '补充协议' });
      await amendment.getByLabel('变更原因', { exact: true }).fill('服务量增长，年度金额上调。');
      await amendment.getByRole('button', { name: '发起补充协议' }).click();
      await page.waitForURL(/\/edit$/);
      await page.getByLabel('年度金额（元）', { exact: true }).fill('1800000');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.waitForURL(/\/amendment$/);
      await expect.poll(() => page.getByText('变更的条件：年度金额').isVisible()).toBe(true);
      await page.goto(contractUrl);
      // The contract stays active on version 1; its page points at the amendment under way.
      expect(await statusBadge(page, '生效').isVisible()).toBe(true);
      expect(await page.getByText('第 2 版补充协议进行中：草稿。').isVisible()).toBe(true);
      staff.assertNoConsoleErrors();
    } finally {
      await staff.close();
    }

    // The partner sees nothing of the amendment before it is to be signed.
    const later = await open(browser());
    try {
      const { page } = later;
      await signInAs(page, demo.partnerAdmin.email);
      await useLanguage(page, 'zh-CN');
      await page.goto(`/p/contracts/${contractId}`);
      await expect.poll(() => statusBadge(page, '生效').isVisible()).toBe(true);
      expect(await page.getByText(/待签署的补充协议/).count()).toBe(0);
      later.assertNoConsoleErrors();
    } finally {
      await later.close();
    }
  });
});
