import {
  buttonClickPayload,
  type FakeMessage,
  type FakeSlackApi,
  interactionBody,
  signSlackRequest,
  startFakeSlackApi,
} from '@outpost/bot/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage } from '../support/browser.ts';
import { demo, e2eEnabled, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { type RunningServer, startServer } from '../support/e2e-server.ts';

/**
 * Issue 12's browser test (decision 034): an ingestion batch breaches a threshold, the alert
 * appears in the console and as a card in the risk channel; the risk officer acknowledges it in
 * Slack (a signed request to /slack/events); the console shows it acknowledged, in Slack, with its
 * response time, and the card is updated in place. This file runs its own server, wired to a fake
 * Slack workspace.
 */
const signingSecret = 'e2e-signing-secret-for-risk';
const RISK_OFFICER = { email: 'risk@outpost.test', slackId: 'URISKOFFICER', name: '孙立华' };
const PARTNER = demo.partnerAdmin.partner;
const run = Date.now().toString(36);

let slack: FakeSlackApi;
let server: RunningServer;

beforeAll(async () => {
  if (!e2eEnabled) return;
  slack = await startFakeSlackApi();
  slack.addUser({
    id: RISK_OFFICER.slackId,
    email: RISK_OFFICER.email,
    locale: 'zh-CN',
    name: RISK_OFFICER.name,
  });
  server = await startServer({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_RISK_CHANNEL: 'C0RISK',
    },
  });
}, 300_000);
afterAll(async () => {
  await server?.stop();
  await slack?.close();
});

/** The partner's system sends a batch through the API: late closures, far below the timeliness threshold. */
async function sendLateClosures() {
  const signIn = await fetch(`${server.baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demo.partnerAdmin.email, password: demo.password }),
  });
  expect(signIn.status).toBe(201);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${server.baseUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ name: `e2e risk ${run}`, scopes: ['events'] }),
  });
  expect(created.status).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const events = Array.from({ length: 80 }, (_, i) => ({
    externalId: `e2e-risk-${run}-${i}`,
    type: 'case_closed',
    occurredAt: hoursAgo(1),
    caseId: `E2E-RISK-${run}-${i}`,
    slaDueAt: hoursAgo(3),
  }));
  const sent = await fetch(`${server.baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ events }),
  });
  expect(sent.status).toBe(200);
}

const cardsOf = (partner: string) =>
  [...slack.messages.values()].filter((m) => m.channel === 'C0RISK' && m.text.includes(partner));

describe.skipIf(!e2eEnabled)('a risk alert from ingestion to Slack and back', () => {
  const browser = useBrowser();

  test('a breaching batch raises an alert, acknowledged in Slack, shown acknowledged in the console', async () => {
    const before = new Set(cardsOf(PARTNER).map((m) => m.ts));
    await sendLateClosures();

    // The worker's outbox loop posts the new alert's card to the risk channel.
    let card: FakeMessage | undefined;
    await expect
      .poll(
        () => {
          card = cardsOf(PARTNER).find((m) => !before.has(m.ts) && m.text.includes('严重'));
          return Boolean(card);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    const actions = card!.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      block_id: string;
      elements: { action_id: string; value?: string }[];
    };
    const alertId = actions.elements.find((e) => e.action_id === 'risk_alert_acknowledge')!.value!;

    const { page, assertNoConsoleErrors, close } = await openPage(browser(), server.baseUrl);
    try {
      await signInAs(page, RISK_OFFICER.email);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/risk/alerts');
      const row = page.getByRole('row').filter({ hasText: PARTNER }).filter({ hasText: '待响应' });
      await expect.poll(() => row.first().isVisible()).toBe(true);

      // The risk officer clicks Acknowledge on the card in Slack (linked on the spot by e-mail).
      const payload = buttonClickPayload({
        user: { id: RISK_OFFICER.slackId },
        actionId: 'risk_alert_acknowledge',
        value: alertId,
        message: card!,
        responseUrl: slack.responseUrl(),
      });
      (payload.actions as { block_id: string }[])[0]!.block_id = actions.block_id;
      const { body, contentType } = interactionBody(payload);
      const clicked = await fetch(`${server.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { ...signSlackRequest({ secret: signingSecret, body }), 'content-type': contentType },
        body,
      });
      expect(clicked.status).toBe(200);
      // The card is updated in place.
      await expect
        .poll(() => card!.updates > 0 && card!.text.includes(`已由 ${RISK_OFFICER.name} 确认`), {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(true);

      await page.goto(`/s/risk/alerts/${alertId}`);
      await expect.poll(() => page.locator('header .ui-badge', { hasText: '已确认' }).isVisible()).toBe(true);
      const timeline = page.getByRole('region', { name: '时间线' });
      await expect.poll(() => timeline.getByText(/响应用时：[\d,]+ 分钟/).isVisible()).toBe(true);
      expect(await timeline.getByText('（在 Slack 中）').first().isVisible()).toBe(true);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
