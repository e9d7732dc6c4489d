import {
  buttonClickPayload,
  type FakeMessage,
  interactionBody,
  viewSubmissionPayload,
} from '../src/testing/index.ts';
import type { Harness } from './harness.ts';

/**
 * The signed Slack requests of the approval ballot tests (contracts, amendments, incentives,
 * terminations; decision record 058): a button click on an approver's ballot, the reason modal's
 * submission, and the waits on what the bot answers.
 */
export type Approver = { id: string; slackUserId: string };

/** The ballot the outbox posted to an approver (the row remembered for its refreshes). */
export async function ballotMessage(
  h: Harness,
  ref: { channel: string; ts: string } | undefined,
  what: string,
): Promise<FakeMessage> {
  if (!ref) throw new Error(`no ${what} message recorded`);
  return h.fake.messages.get(`${ref.channel}/${ref.ts}`)!;
}

export const actionsBlock = (message: FakeMessage) =>
  message.blocks.find((b) => (b as { type: string }).type === 'actions') as { block_id: string } | undefined;

/** A click on one of the ballot's buttons, from the block Slack would send it from (it names the language). */
export function clickBallot(
  h: Harness,
  who: Approver,
  actionId: string,
  subjectId: string,
  message: FakeMessage,
  responseUrl: string,
) {
  const payload = buttonClickPayload({
    user: { id: who.slackUserId },
    actionId,
    value: subjectId,
    message,
    responseUrl,
  });
  const block = actionsBlock(message);
  if (block) (payload.actions as { block_id: string }[])[0]!.block_id = block.block_id;
  return { payload, response: h.post(interactionBody(payload)) };
}

/** The reason modal submitted by `who` with this reason. */
export const submitReason = (
  h: Harness,
  who: Approver,
  modal: Record<string, unknown>,
  reason: string | null,
) =>
  h.post(
    interactionBody(
      viewSubmissionPayload({
        user: { id: who.slackUserId },
        view: modal,
        values: { reason: { reason_input: reason } },
      }),
    ),
  );

/** Slack's retry of the same signed request. */
export const retryOf = (h: Harness, payload: Record<string, unknown>) =>
  h.post({
    ...interactionBody(payload),
    headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
  });

export const ephemeral = (h: Harness, responseUrl: string) =>
  h.fake.waitForCall((c) => c.method === 'response_url' && responseUrl.endsWith(c.path));

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
