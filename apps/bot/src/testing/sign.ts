import { createHmac } from 'node:crypto';

/** The headers Slack would send with this body, signed with the app's signing secret. */
export function signSlackRequest(input: {
  secret: string;
  body: string;
  timestamp?: number;
}): Record<string, string> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', input.secret).update(`v0:${timestamp}:${input.body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
}
