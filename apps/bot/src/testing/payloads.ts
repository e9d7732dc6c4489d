import { signSlackRequest } from './sign.ts';

/** Builders for what Slack posts to /slack/events, close to the real payloads. */
export interface SlackActor {
  id: string;
  teamId?: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** A `block_actions` payload: someone clicked a button on a message. */
export function buttonClickPayload(input: {
  user: SlackActor;
  actionId: string;
  value?: string;
  /** The message the button sits on (channel and ts as Slack returned them). */
  message: { channel: string; ts: string; text?: string; blocks?: unknown[] };
  responseUrl: string;
}): Record<string, unknown> {
  const teamId = input.user.teamId ?? 'T0OUTPOST';
  return {
    type: 'block_actions',
    user: { id: input.user.id, username: input.user.id.toLowerCase(), team_id: teamId },
    api_app_id: 'A0OUTPOST',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.message.channel,
      is_ephemeral: false,
    },
    trigger_id: `trigger-${Date.now()}`,
    team: { id: teamId, domain: 'outpost-test' },
    channel: { id: input.message.channel, name: 'directmessage' },
    message: {
      type: 'message',
      ts: input.message.ts,
      text: input.message.text ?? '',
      blocks: input.message.blocks ?? [],
    },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'b1',
        value: input.value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/**
 * A `view_submission` payload: someone submitted a modal. `view` is the view as the
 * app passed it to views.open (Slack echoes callback_id and private_metadata back);
 * `values` maps block_id → action_id → the input's value.
 */
export function viewSubmissionPayload(input: {
  user: SlackActor;
  view: Record<string, unknown>;
  values: Record<string, Record<string, string | null>>;
}): Record<string, unknown> {
  const teamId = input.user.teamId ?? 'T0OUTPOST';
  const values = Object.fromEntries(
    Object.entries(input.values).map(([blockId, actions]) => [
      blockId,
      Object.fromEntries(
        Object.entries(actions).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]),
      ),
    ]),
  );
  return {
    type: 'view_submission',
    team: { id: teamId, domain: 'outpost-test' },
    user: {
      id: input.user.id,
      username: input.user.id.toLowerCase(),
      name: input.user.id.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: 'A0OUTPOST',
    token: 'deprecated-verification-token',
    trigger_id: `trigger-${Date.now()}`,
    view: {
      id: 'V0MODAL',
      team_id: teamId,
      app_id: 'A0OUTPOST',
      bot_id: 'BOUTPOST',
      hash: `${Date.now()}.abc`,
      private_metadata: '',
      ...input.view,
      state: { values },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** The form body of an interaction: `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): { body: string; contentType: string } {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
}

/** The form body of a slash command. */
export function slashCommandBody(input: {
  user: SlackActor;
  text?: string;
  command?: string;
  channelId?: string;
  responseUrl: string;
}): { body: string; contentType: string } {
  const fields = {
    token: 'deprecated-verification-token',
    team_id: input.user.teamId ?? 'T0OUTPOST',
    team_domain: 'outpost-test',
    channel_id: input.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: input.user.id,
    user_name: input.user.id.toLowerCase(),
    command: input.command ?? '/outpost',
    text: input.text ?? '',
    api_app_id: 'A0OUTPOST',
    response_url: input.responseUrl,
    trigger_id: `trigger-${Date.now()}`,
  };
  return { body: new URLSearchParams(fields).toString(), contentType: FORM };
}

/** A signed POST to /slack/events, as Slack would send it (override the signature or timestamp to test refusals). */
export function slackRequest(input: {
  secret: string;
  body: string;
  contentType: string;
  timestamp?: number;
  signature?: string;
  url?: string;
  /** Extra headers, e.g. Slack's `x-slack-retry-num` on a redelivery. */
  headers?: Record<string, string>;
}): Request {
  const headers = signSlackRequest({
    secret: input.secret,
    body: input.body,
    ...(input.timestamp !== undefined ? { timestamp: input.timestamp } : {}),
  });
  if (input.signature) headers['x-slack-signature'] = input.signature;
  return new Request(input.url ?? 'http://outpost.test/slack/events', {
    method: 'POST',
    headers: { ...headers, ...input.headers, 'content-type': input.contentType },
    body: input.body,
  });
}
