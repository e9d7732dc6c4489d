import type { App } from '@slack/bolt';
import type { SlackEventsDeps } from '../deps.ts';
import { parseSlackBody } from './parse-body.ts';
import { ackResponse, jsonError } from './responses.ts';
import { fromInstalledTeam, installedTeam } from './team-check.ts';
import { localized } from '../views/text.ts';
import { verifySlackSignature } from './verify-signature.ts';
import { slackLog } from '../log.ts';

const DEFAULT_ACK_TIMEOUT_MS = 2_500;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP side of Bolt without Express or Bolt's HTTPReceiver: a fetch-style handler
 * that gets the untouched request, so the signature is checked over the exact bytes
 * Slack signed. The response is whatever the listener passes to `ack()`; the listener
 * keeps running after it (Slack wants an answer within 3 s, the work may take longer).
 */
export function createEventsHandler(
  app: App,
  deps: SlackEventsDeps,
): (request: Request) => Promise<Response> {
  const ackTimeoutMs = deps.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const team = installedTeam(deps);

  return async (request) => {
    if (request.method !== 'POST')
      return jsonError(405, 'method_not_allowed', 'Slack sends POST requests only.');
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > maxBodyBytes) return jsonError(413, 'payload_too_large', 'Request body is too large.');
    const rawBody = await request.text();
    if (Buffer.byteLength(rawBody) > maxBodyBytes)
      return jsonError(413, 'payload_too_large', 'Request body is too large.');
    const contentType = request.headers.get('content-type');

    // Slack's certificate probe is unsigned and carries nothing to act on (as in Bolt).
    if (
      contentType?.startsWith('application/x-www-form-urlencoded') &&
      new URLSearchParams(rawBody).get('ssl_check') === '1'
    ) {
      return new Response(null, { status: 200 });
    }

    const verdict = verifySlackSignature({
      signingSecret: deps.signingSecret,
      timestamp: request.headers.get('x-slack-request-timestamp'),
      signature: request.headers.get('x-slack-signature'),
      rawBody,
    });
    if (!verdict.ok) return jsonError(401, 'invalid_signature', `Slack request refused: ${verdict.reason}.`);

    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(rawBody, contentType);
    } catch (error) {
      return jsonError(400, 'bad_request', `Malformed Slack request: ${(error as Error).message}.`);
    }
    if (body.type === 'url_verification') return Response.json({ challenge: body.challenge });

    let installed: string | null;
    try {
      installed = await team();
    } catch (error) {
      slackLog.warn(
        { error: (error as Error).message },
        'Slack auth.test failed; cannot tell which workspace Outpost is installed in',
      );
      return jsonError(503, 'slack_unavailable', 'Slack could not be reached to identify the workspace.');
    }
    if (!installed || !fromInstalledTeam(body, installed)) {
      // Signed by Slack, but for another workspace (or a guest of one): act on nothing.
      slackLog.warn('Slack request from a workspace other than the installed one refused');
      if (typeof body.command === 'string') {
        return Response.json({
          response_type: 'ephemeral',
          text: localized(null, 'audit-anchor.slackForeignTeam'),
        });
      }
      return new Response(null, { status: 200 });
    }

    const retryNum = Number(request.headers.get('x-slack-retry-num'));
    return dispatch(app, {
      body,
      retryNum: Number.isInteger(retryNum) && retryNum > 0 ? retryNum : undefined,
      retryReason: request.headers.get('x-slack-retry-reason') ?? undefined,
      ackTimeoutMs,
    });
  };
}

function dispatch(
  app: App,
  event: {
    body: Record<string, unknown>;
    retryNum: number | undefined;
    retryReason: string | undefined;
    ackTimeoutMs: number;
  },
): Promise<Response> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (response: Response) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      resolve(response);
    };
    // A listener that never acks would make Slack show an error after 3 s; an empty 200 is kinder.
    const timer = setTimeout(() => answer(new Response(null, { status: 200 })), event.ackTimeoutMs);
    app
      .processEvent({
        body: event.body,
        ...(event.retryNum !== undefined ? { retryNum: event.retryNum } : {}),
        ...(event.retryReason !== undefined ? { retryReason: event.retryReason } : {}),
        ack: async (response?: unknown) => answer(ackResponse(response)),
      })
      // No listener matched (or none acked): nobody else is going to answer.
      .then(() => answer(new Response(null, { status: 200 })))
      .catch((error: unknown) => {
        slackLog.error({ err: error }, 'Slack event processing failed');
        answer(jsonError(500, 'internal_error', 'The Slack request could not be processed.'));
      });
  });
}
