import { mkdtempSync, rmSync } from 'node:fs';
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
import { ingestEvents, linkSlackUser, personById, runTerminationsDue, systemActor } from '@outpost/core';
import { openDatabase, partners, quarterlyReviews, terminationCases, users } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, type WatchedPage } from '../support/browser.ts';
import { createRunDatabase, type RunDatabase } from '../support/e2e-database.ts';
import { e2eEnabled, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';
import { type RunningServer, startServer } from '../support/e2e-server.ts';

/**
 * Issue 15's browser test (decision record 049): an administrator makes committee1 the only
 * termination approver in the settings; the risk officer finalises 数智信息技术's review with a
 * termination recommendation and opens the case from it; the approver approves from the Slack
 * ballot (signed requests to /slack/events, Slack's Web API faked at the wire); staff name 云帆 as
 * successor; the partner's administrator completes its tasks in the portal, uploading the
 * destruction certificate; staff verify the hand-over, which moves the open service cases to
 * 云帆, whose portal lists them; the effective-date job runs on the effective date and the
 * partner's administrator can no longer sign in.
 *
 * Its own server and database (the case ends a demo partner for good), wired to the fake Slack.
 * 数智 and 云帆 are not used by the other browser tests anyway.
 */
const signingSecret = 'e2e-signing-secret-for-terminations';
const ADMIN = 'admin@outpost.test';
const RISK = 'risk@outpost.test';
const APPROVER = { email: 'committee1@outpost.test', slackId: 'UTERMAPPROVER' };
const LEAVING = { name: '数智信息技术有限公司', admin: 'admin@shuzhi-it.test' };
const SUCCESSOR = { name: '云帆客户服务有限公司', admin: 'admin@yunfan-cs.test' };
const OPEN_CASE = 'E2E-HANDOVER-1';
const REASON = '数智信息技术连续两个季度考核不达标，依考核建议终止合作。';
const pdf = path.join(repoRoot, 'packages/core/test/fixtures', 'licence.pdf');
const slackEnv = (slack: FakeSlackApi) => ({
  SLACK_BOT_TOKEN: 'xoxb-e2e-token',
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: slack.apiUrl,
});

let slack: FakeSlackApi;
let server: RunningServer;
let runDatabase: RunDatabase | null = null;
let dataDir: string | null = null;
let openOptions: Parameters<typeof openDatabase>[0];
const facts = { reviewId: '', approverName: '', adminName: '' };

/** Before the browser: the approver linked to Slack, one open service case of 数智 to hand over, the ids the test navigates to. */
async function prepare() {
  const conn = await openDatabase(openOptions);
  try {
    const db = conn.db;
    const byEmail = async (email: string) =>
      (await db.select().from(users).where(eq(users.email, email)))[0]!;
    const approver = await byEmail(APPROVER.email);
    facts.approverName = approver.displayName;
    facts.adminName = (await byEmail(ADMIN)).displayName;
    await linkSlackUser(db, systemActor('e2e'), {
      userId: approver.id,
      slackUserId: APPROVER.slackId,
      slackTeamId: 'T0OUTPOST',
      via: 'portal',
    });
    const [leaving] = await db.select().from(partners).where(eq(partners.legalName, LEAVING.name));
    const [review] = await db
      .select()
      .from(quarterlyReviews)
      .where(and(eq(quarterlyReviews.partnerId, leaving!.id), eq(quarterlyReviews.status, 'draft')));
    facts.reviewId = review!.id;
    const risk = (await personById(db, (await byEmail(RISK)).id))!;
    const now = Date.now();
    await ingestEvents(db, risk.actor, {
      partnerId: leaving!.id,
      events: [
        {
          externalId: 'e2e-handover-open-1',
          type: 'case_opened',
          occurredAt: new Date(now - 3600_000).toISOString(),
          caseId: OPEN_CASE,
          slaDueAt: new Date(now + 48 * 3600_000).toISOString(),
        },
      ],
    });
  } finally {
    await conn.close();
  }
}

/** The effective-date job, run as the worker would on the effective date (the server is stopped for PGlite). */
async function runJobOn(date: string) {
  const conn = await openDatabase(openOptions);
  try {
    return await runTerminationsDue(conn.db, new Date(`${date}T12:00:00+08:00`));
  } finally {
    await conn.close();
  }
}

async function start() {
  server = runDatabase
    ? await startServer({ env: { DATABASE_URL: runDatabase.url, ...slackEnv(slack) } })
    : await startServer({ env: { DATA_DIR: dataDir!, ...slackEnv(slack) } });
}

beforeAll(async () => {
  if (!e2eEnabled) return;
  slack = await startFakeSlackApi();
  slack.addUser({ id: APPROVER.slackId, email: APPROVER.email, locale: 'zh-CN', name: '委员一' });
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    runDatabase = await createRunDatabase(adminUrl);
    openOptions = { url: runDatabase.url, statementConnections: 1, transactionConnections: 1 };
    await start();
    await prepare();
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-termination-'));
    openOptions = { dataDir: path.join(dataDir, 'pglite') };
    const first = await startServer({ env: { DATA_DIR: dataDir } });
    await first.stop();
    await prepare();
    await start();
  }
}, 420_000);
afterAll(async () => {
  await server?.stop();
  await slack?.close();
  await runDatabase?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The ballot DM the worker posted to the approver for this case (polls until it arrives). */
async function ballotFor(caseId: string) {
  const dm = `D${APPROVER.slackId.slice(1)}`;
  let found: FakeMessage | undefined;
  await expect
    .poll(
      () => {
        found = [...slack.messages.values()].find(
          (m) => m.channel === dm && JSON.stringify(m.blocks).includes(caseId),
        );
        return Boolean(found);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  return found!;
}

const taskCard = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

describe.skipIf(!e2eEnabled)('a termination from a review recommendation to the end of access', () => {
  const browser = useBrowser();
  const open = (b: Browser): Promise<WatchedPage> => openPage(b, server.baseUrl);

  test('settings, review, Slack approval, partner tasks with the certificate, hand-over, effective date, no more sign-in', async () => {
    const effective = addDays(todayInChina(), 10);
    let caseUrl = '';

    // An administrator makes committee1 the only approver of new termination cases.
    const admin = await open(browser());
    try {
      const { page } = admin;
      await signInAs(page, ADMIN);
      await page.goto('/s/settings');
      const card = page.getByRole('region', { name: '退出案件审批人' });
      await card.getByLabel(facts.adminName, { exact: true }).uncheck();
      await card.getByLabel(facts.approverName, { exact: true }).check();
      await card.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => card.getByText('设置已保存。').isVisible()).toBe(true);
      await page.reload();
      expect(
        await page
          .getByRole('region', { name: '退出案件审批人' })
          .getByLabel(facts.adminName, { exact: true })
          .isChecked(),
      ).toBe(false);
      admin.assertNoConsoleErrors();
    } finally {
      await admin.close();
    }

    // The risk officer finalises the review with a termination recommendation and opens the case from it.
    const staff = await open(browser());
    try {
      const { page } = staff;
      await signInAs(page, RISK);
      await page.goto(`/s/reviews/${facts.reviewId}`);
      await page.getByLabel('考核意见', { exact: true }).fill('连续两个季度不达标，建议终止合作。');
      await page.getByLabel('考核决定', { exact: true }).selectOption('termination_recommendation');
      await page.locator('summary', { hasText: '定稿并通知合作机构' }).click();
      await page.locator('button[value="finalise"]').click();
      await expect.poll(() => page.getByText('考核已定稿，已通知合作机构。').isVisible()).toBe(true);
      const fromReview = page
        .getByRole('region', { name: '建议终止合作' })
        .getByRole('link', { name: '发起退出案件' });
      await fromReview.click();
      await page.waitForURL(/\/s\/terminations\?/);
      const form = page.getByRole('region', { name: '发起退出案件' });
      await expect.poll(() => form.getByLabel('来源', { exact: true }).inputValue()).toBe('review');
      expect(await form.locator('input[name="sourceId"]').inputValue()).toBe(facts.reviewId);
      expect(await form.locator('select[name="partnerId"] option:checked').textContent()).toBe(LEAVING.name);
      await form.getByLabel('类型', { exact: true }).selectOption('for_cause');
      await form.getByLabel('原因', { exact: true }).fill(REASON);
      await form.getByLabel('生效日期', { exact: true }).fill(effective);
      await form.getByLabel('部门', { exact: true }).selectOption({ index: 1 });
      await form.getByRole('button', { name: '发起退出案件' }).click();
      await page.waitForURL(/\/s\/terminations\/[0-9a-f-]{36}$/);
      caseUrl = page.url();
      await expect.poll(() => page.getByText('审批中').first().isVisible()).toBe(true);
      staff.assertNoConsoleErrors();
    } finally {
      await staff.close();
    }
    const caseId = caseUrl.split('/').pop()!;

    // The approver approves from the ballot in Slack; Slack's retry of the click decides nothing twice.
    const ballot = await ballotFor(caseId);
    const actions = ballot.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      block_id: string;
    };
    const payload = buttonClickPayload({
      user: { id: APPROVER.slackId },
      actionId: 'termination_approve',
      value: caseId,
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
    expect((await click()).status).toBe(200);
    await expect
      .poll(() => ballot.updates > 0 && !JSON.stringify(ballot.blocks).includes('termination_approve'), {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(true);

    // Staff see it in progress and name the successor.
    const officer = await open(browser());
    try {
      const { page } = officer;
      await signInAs(page, RISK);
      await page.goto(caseUrl);
      await expect.poll(() => page.getByText('退出进行中').first().isVisible()).toBe(true);
      await page.getByLabel('承接机构', { exact: true }).selectOption({ label: SUCCESSOR.name });
      await page.getByRole('button', { name: '指定承接机构' }).click();
      await expect.poll(() => page.getByText('已保存。').isVisible()).toBe(true);
      officer.assertNoConsoleErrors();
    } finally {
      await officer.close();
    }

    // The partner's administrator completes its tasks, uploading the destruction certificate.
    const partner = await open(browser());
    try {
      const { page } = partner;
      await signInAs(page, LEAVING.admin);
      await page.goto('/p/termination');
      await expect.poll(() => page.getByText(REASON).isVisible()).toBe(true);
      for (const title of [
        '向承接机构移交未结案件与客户',
        '返还或销毁数据并上传销毁证明',
        '归还设备与账号凭证',
      ]) {
        const card = taskCard(page, title);
        if (title.includes('销毁证明')) await card.getByLabel('上传证明', { exact: true }).setInputFiles(pdf);
        await card.getByLabel('说明', { exact: true }).fill('已完成。');
        await card.getByRole('button', { name: '提交', exact: true }).click();
        await expect.poll(() => taskCard(page, title).getByText('待核验').isVisible()).toBe(true);
      }
      await expect
        .poll(() => taskCard(page, '返还或销毁数据并上传销毁证明').getByText('licence.pdf').isVisible())
        .toBe(true);
      partner.assertNoConsoleErrors();
    } finally {
      await partner.close();
    }

    // Staff verify the hand-over: the open service cases move to the successor, listed on the case.
    const verifier = await open(browser());
    try {
      const { page } = verifier;
      await signInAs(page, RISK);
      await page.goto(caseUrl);
      await taskCard(page, '向承接机构移交未结案件与客户').getByRole('button', { name: '核验通过' }).click();
      const moved = page.getByRole('region', { name: '已移交承接机构的未结服务案件' });
      await expect
        .poll(() => moved.getByRole('cell', { name: OPEN_CASE, exact: true }).isVisible())
        .toBe(true);
      expect(await moved.getByText('整改事项、风险预警和合同不移交', { exact: false }).isVisible()).toBe(
        true,
      );
      verifier.assertNoConsoleErrors();
    } finally {
      await verifier.close();
    }

    // The successor sees the case handed over to it.
    const successor = await open(browser());
    try {
      const { page } = successor;
      await signInAs(page, SUCCESSOR.admin);
      await page.goto('/p/termination');
      const mine = page.getByRole('region', { name: '移交给贵机构的案件' });
      await expect
        .poll(() => mine.getByRole('cell', { name: OPEN_CASE, exact: true }).isVisible())
        .toBe(true);
      expect(await mine.getByRole('cell', { name: LEAVING.name }).first().isVisible()).toBe(true);
      successor.assertNoConsoleErrors();
    } finally {
      await successor.close();
    }

    // The effective date comes: the job runs (the worker's job, called as it would on that day).
    await server.stop();
    const done = await runJobOn(effective);
    expect(done.completed).toEqual([caseId]);
    await start();

    // The partner's administrator can no longer sign in; staff read the completed case.
    const after = await open(browser());
    after.expectConsoleError(/status of 401/);
    try {
      const { page } = after;
      await signInAs(page, LEAVING.admin, undefined, { expectFailure: true });
      await expect.poll(() => page.getByRole('alert').isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInAs(page, RISK);
      await page.goto(`/s/terminations/${caseId}`);
      await expect
        .poll(() => page.locator('.page-header p').textContent())
        .toBe('已完成 · 过错解除 · 季度评审');
    } finally {
      await after.close();
    }
    const conn = await openDatabaseWhileRunning();
    if (conn) {
      try {
        const [row] = await conn.db.select().from(terminationCases).where(eq(terminationCases.id, caseId));
        expect(row!.status).toBe('completed');
      } finally {
        await conn.close();
      }
    }
  });
});

/** With PostgreSQL the test may read the database beside the running server (PGlite allows one process). */
async function openDatabaseWhileRunning() {
  return runDatabase ? openDatabase(openOptions) : null;
}
