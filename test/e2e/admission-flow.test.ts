import path from 'node:path';
import {
  buttonClickPayload,
  type FakeSlackApi,
  interactionBody,
  signSlackRequest,
  startFakeSlackApi,
} from '@outpost/bot/testing';
import { validCreditCode } from '@outpost/core/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, type WatchedPage } from '../support/browser.ts';
import { demo, e2eEnabled, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';
import { type RunningServer, startServer } from '../support/e2e-server.ts';

/**
 * The whole admission, as the issue describes it: staff invite a partner; the partner
 * admin accepts, uploads the required documents (one refused for its type) and applies;
 * a reviewer rejects one document with a reason, the partner re-uploads, the reviewer
 * accepts them all, records inspection, pilot and assessment; two committee members
 * approve from Slack — signed requests to /slack/events, answered through a fake Slack
 * Web API — and the partner sees "approved" in the portal.
 *
 * This file runs its own server, wired to the fake Slack workspace.
 */
const fixture = (name: string) => path.join(repoRoot, 'packages/core/test/fixtures', name);
const signingSecret = 'e2e-signing-secret-for-outpost';
const members = [
  { email: 'committee1@outpost.test', slackId: 'UCOMMITTEE1' },
  { email: 'committee2@outpost.test', slackId: 'UCOMMITTEE2' },
];

let slack: FakeSlackApi;
let server: RunningServer;

beforeAll(async () => {
  if (!e2eEnabled) return;
  slack = await startFakeSlackApi();
  for (const m of members) slack.addUser({ id: m.slackId, email: m.email, locale: 'zh-CN', name: m.email });
  server = await startServer({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
    },
  });
  // This second server seeds the demo too (decision record 018) before it is ready.
}, 300_000);
afterAll(async () => {
  await server?.stop();
  await slack?.close();
});

const requirementCard = (page: Page, name: string): Locator =>
  page.locator('li.doc-card').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
const staffDocument = (page: Page, name: string) =>
  page.locator('li.staff-doc').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

async function upload(card: Locator, file: string, expiry?: string) {
  await card.getByLabel('文件', { exact: true }).setInputFiles(file);
  if (expiry) await card.getByLabel('有效期至', { exact: true }).fill(expiry);
  await card.getByRole('button', { name: '上传', exact: true }).click();
}

/** What Slack would POST when a member clicks a button on their ballot. */
async function clickInSlack(
  member: (typeof members)[number],
  actionId: string,
  applicationId: string,
  message: { channel: string; ts: string },
) {
  const payload = buttonClickPayload({
    user: { id: member.slackId },
    actionId,
    value: applicationId,
    message,
    responseUrl: slack.responseUrl(),
  });
  const { body, contentType } = interactionBody(payload);
  return fetch(`${server.baseUrl}/slack/events`, {
    method: 'POST',
    headers: { ...signSlackRequest({ secret: signingSecret, body }), 'content-type': contentType },
    body,
  });
}

/** The ballot DM the worker posted to a member for this application (polls until it arrives). */
async function ballotFor(slackId: string, applicationId: string) {
  const dm = `D${slackId.slice(1)}`;
  let found: { channel: string; ts: string; blocks: unknown[] } | undefined;
  await expect
    .poll(
      () => {
        found = [...slack.messages.values()].find(
          (m) => m.channel === dm && JSON.stringify(m.blocks).includes(applicationId),
        );
        return Boolean(found);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  return found!;
}

describe.skipIf(!e2eEnabled)('admission from invitation to committee approval in Slack', () => {
  const browser = useBrowser();
  const open = (b: Browser): Promise<WatchedPage> => openPage(b, server.baseUrl);

  test('the whole flow', async () => {
    // Committee members link their Slack accounts from the portal (matched by e-mail).
    for (const m of members) {
      const member = await open(browser());
      try {
        await signInAs(member.page, m.email);
        await member.page.goto('/account');
        await member.page.getByRole('button', { name: '通过邮箱关联我的 Slack 账户' }).click();
        await member.page.getByText(`已关联 Slack 用户 ${m.slackId}。`).first().waitFor();
        member.assertNoConsoleErrors();
      } finally {
        await member.close();
      }
    }

    // Staff invite the partner; SMTP is off, so the link is shown to pass on.
    const legalName = `鼎信保险公估有限公司 ${Date.now().toString(36)}`;
    const reviewer = await open(browser());
    const partner = await open(browser());
    reviewer.expectConsoleError(/status of 422/);
    partner.expectConsoleError(/status of 415/);
    try {
      await signInAs(reviewer.page, demo.reviewer.email);
      await reviewer.page.goto('/s/partners/new');
      await reviewer.page.getByLabel('法定名称').fill(legalName);
      await reviewer.page.getByLabel('统一社会信用代码').fill(validCreditCode());
      await reviewer.page.getByLabel('信息技术服务', { exact: true }).check();
      await reviewer.page.getByLabel('管理员邮箱').fill(`admin-${Date.now().toString(36)}@dingxin.test`);
      await reviewer.page.getByRole('button', { name: '发送邀请' }).click();
      await reviewer.page.getByRole('heading', { name: `已邀请 ${legalName}。` }).waitFor();
      const acceptUrl = await reviewer.page.getByLabel('邀请链接').inputValue();
      const partnerPath = await reviewer.page
        .getByRole('link', { name: '查看该合作伙伴' })
        .getAttribute('href');

      // The partner admin accepts, uploads (an executable named .pdf is refused), applies.
      const p = partner.page;
      await p.goto(acceptUrl);
      await p.getByLabel('您的姓名').fill('陈鼎信');
      await p.getByLabel('设置密码').fill('dingxin-password-2026');
      await p.getByLabel('确认密码').fill('dingxin-password-2026');
      await p.getByRole('button', { name: '创建账户' }).click();
      await p.waitForURL('**/p');
      await p.goto('/p/documents');
      const licence = requirementCard(p, '营业执照');
      await upload(licence, fixture('disguised-executable.pdf'));
      await licence.getByText(/文件被拒绝/).waitFor();
      await upload(licence, fixture('licence.pdf'));
      await licence.getByText('已提交，待审核').waitFor();
      for (const [name, file, expiry] of [
        ['近两年经审计的财务报表', 'financials.xlsx', '2027-06-30'],
        ['信息安全认证（等保三级或 ISO 27001）', 'scan.png', '2028-12-31'],
        ['数据保密与个人信息保护承诺书', 'statement.docx', undefined],
      ] as const) {
        const card = requirementCard(p, name);
        await upload(card, fixture(file), expiry);
        await card.getByText('已提交，待审核').waitFor();
      }
      await p.goto('/p/application');
      await p.getByRole('button', { name: '提交准入申请' }).click();
      await p.getByText('准入申请已提交').waitFor();

      // The reviewer rejects the licence with a reason and accepts the rest.
      const r = reviewer.page;
      await r.goto(partnerPath!);
      const staffLicence = staffDocument(r, '营业执照');
      await staffLicence.getByLabel('退回“营业执照”的理由').fill('营业执照复印件不清晰，请上传彩色扫描件');
      await staffLicence.getByRole('button', { name: '退回“营业执照”' }).click();
      await staffLicence.getByText('资料已退回，已通知合作伙伴。').waitFor();
      for (const name of [
        '近两年经审计的财务报表',
        '信息安全认证（等保三级或 ISO 27001）',
        '数据保密与个人信息保护承诺书',
      ]) {
        const entry = staffDocument(r, name);
        await entry.getByRole('button', { name: `通过“${name}”` }).click();
        await entry.getByText('资料已审核通过。').waitFor();
      }

      // The partner sees the reason and uploads a new version.
      await p.goto('/p/documents');
      await requirementCard(p, '营业执照').getByText('营业执照复印件不清晰，请上传彩色扫描件').waitFor();
      await upload(requirementCard(p, '营业执照'), fixture('scan.png'));
      await requirementCard(p, '营业执照').getByText('已提交，待审核').waitFor();

      // The reviewer accepts it and takes the application through inspection and pilot to the committee.
      await r.reload();
      await staffLicence.getByText('第 2 版', { exact: false }).first().waitFor();
      await staffLicence.getByRole('button', { name: '通过“营业执照”' }).click();
      await staffLicence.getByText('资料已审核通过。').waitFor();
      await r.getByRole('link', { name: /提交的申请$/ }).click();
      await r.waitForURL('**/s/applications/*');
      const applicationId = r.url().split('/').pop()!;
      await r.getByRole('button', { name: '进入“现场考察”阶段' }).click();
      const inspection = r.getByRole('region', { name: '现场考察' });
      await inspection.getByLabel('考察人员').fill('王检查');
      await inspection.getByLabel('考察发现').fill('公估作业流程规范，档案管理完整。');
      await inspection.getByLabel('评分', { exact: true }).fill('88');
      await inspection.getByRole('button', { name: '保存现场考察' }).click();
      await inspection.getByText('现场考察结果已记录。').waitFor();
      await r.getByRole('button', { name: '进入“试点合作”阶段' }).click();
      const pilot = r.getByRole('region', { name: '试点合作' });
      await pilot.getByLabel('试点结果').fill('试点期间查勘时效达标，客户满意度高。');
      await pilot.getByLabel('评分', { exact: true }).fill('84');
      await pilot.getByRole('button', { name: '保存试点合作' }).click();
      await pilot.getByText('试点合作结果已记录。').waitFor();
      const assessment = r.getByRole('region', { name: '四维度评估' });
      await assessment.getByLabel('财务状况').fill('80');
      await assessment.getByLabel('业务能力').fill('88');
      await assessment.getByLabel('合规情况').fill('90');
      await assessment.getByLabel('市场声誉').fill('75');
      await assessment.getByRole('button', { name: '保存评估' }).click();
      await assessment.getByText('评估结果已保存。').waitFor();
      await r.getByRole('button', { name: '进入“委员会审批”阶段' }).click();
      await r.getByRole('region', { name: '准入审批委员会' }).waitFor();

      // Each linked member gets a ballot in Slack; two approve with a click.
      for (const m of members) {
        const ballot = await ballotFor(m.slackId, applicationId);
        expect(JSON.stringify(ballot.blocks)).toContain('committee_vote_approve');
        const response = await clickInSlack(m, 'committee_vote_approve', applicationId, ballot);
        expect(response.status).toBe(200);
      }
      // The clicked ballots no longer offer buttons; once decided, they show the outcome.
      await expect
        .poll(
          () =>
            members.every((m) => {
              const message = [...slack.messages.values()].find(
                (x) =>
                  x.channel === `D${m.slackId.slice(1)}` && JSON.stringify(x.blocks).includes(applicationId),
              );
              return (
                message &&
                message.updates > 0 &&
                !JSON.stringify(message.blocks).includes('committee_vote_approve')
              );
            }),
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);

      // The partner sees the approval in the portal.
      await p.goto('/p/application');
      await p.getByText('贵机构已获准入，可在上述服务类别开展合作。欢迎！').waitFor();
      expect(await p.getByText('已批准').first().isVisible()).toBe(true);
      reviewer.assertNoConsoleErrors();
      partner.assertNoConsoleErrors();
    } finally {
      await reviewer.close();
      await partner.close();
    }
  });
});
