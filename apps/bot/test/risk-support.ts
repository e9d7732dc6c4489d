import { deliverDueOutbox, RISK_SLACK_CHANNELS } from '@outpost/core';
import { riskAlertEvents, riskAlerts } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { committeeOutboxKinds, RISK_ALERT_ACTION_IDS } from '../src/index.ts';
import { buttonClickPayload, type FakeMessage, interactionBody } from '../src/testing/index.ts';
import { PUBLIC_URL } from './fixtures.ts';
import type { Harness } from './harness.ts';

/** The Slack ids the worker maps the symbolic risk channels to in these tests. */
export const RISK_CHANNEL_IDS = {
  [RISK_SLACK_CHANNELS.notice]: 'C0RISKNOTICE',
  [RISK_SLACK_CHANNELS.warning]: 'C0RISKWARN',
  [RISK_SLACK_CHANNELS.critical]: 'C0RISKCRIT',
};

/** One worker pass over the Slack outbox, with the risk channels configured as in production. */
export const deliverRisk = (h: Harness, aheadMs = 2_000) =>
  deliverDueOutbox(h.conn.db, h.slack, {
    publicUrl: PUBLIC_URL,
    kinds: committeeOutboxKinds,
    channels: RISK_CHANNEL_IDS,
    batchSize: 100,
    now: new Date(Date.now() + aheadMs),
  });

export const alertRow = async (h: Harness, id: string) =>
  (await h.conn.db.select().from(riskAlerts).where(eq(riskAlerts.id, id)))[0]!;

export const eventsOf = async (h: Harness, id: string) =>
  h.conn.db
    .select()
    .from(riskAlertEvents)
    .where(eq(riskAlertEvents.alertId, id))
    .orderBy(asc(riskAlertEvents.id));

/** The alert's channel card as the fake Slack holds it now. */
export async function cardOf(h: Harness, id: string): Promise<FakeMessage> {
  const alert = await alertRow(h, id);
  if (!alert.slackChannel || !alert.slackTs) throw new Error('the alert has no Slack message recorded');
  const message = h.fake.messages.get(`${alert.slackChannel}/${alert.slackTs}`);
  if (!message) throw new Error('the recorded message is not in the fake Slack');
  return message;
}

export function actionsBlock(message: FakeMessage) {
  return message.blocks.find((b) => (b as { type: string }).type === 'actions') as
    | { block_id: string; elements: { type: string; action_id: string }[] }
    | undefined;
}

export const actionIdsOf = (message: FakeMessage) =>
  actionsBlock(message)?.elements.map((e) => e.action_id) ?? [];

/** A signed click on one of the card's controls, as Slack sends it. */
export function clickCard(
  h: Harness,
  input: {
    slackUserId: string;
    action: keyof typeof RISK_ALERT_ACTION_IDS;
    alertId: string;
    message: FakeMessage;
    responseUrl: string;
    selectedUser?: string;
  },
) {
  const payload = buttonClickPayload({
    user: { id: input.slackUserId },
    actionId: RISK_ALERT_ACTION_IDS[input.action],
    ...(input.action === 'assign' ? {} : { value: input.alertId }),
    message: input.message,
    responseUrl: input.responseUrl,
  });
  const action = (payload.actions as Record<string, unknown>[])[0]!;
  action.block_id = actionsBlock(input.message)?.block_id ?? `risk_alert.both.${input.alertId}`;
  if (input.action === 'assign') {
    action.type = 'users_select';
    delete action.text;
    action.selected_user = input.selectedUser;
    action.initial_user = undefined;
  }
  return h.post(interactionBody(payload));
}

export const repliesTo = (h: Harness, responseUrl: string) =>
  h.fake.calls.filter((c) => c.method === 'response_url' && responseUrl.endsWith(c.path));

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
