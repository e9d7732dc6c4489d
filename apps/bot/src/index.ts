// PLACEHOLDER — being replaced by the Slack bot implementation.
import type { SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';

export interface SlackEventsDeps {
  db: Database;
  signingSecret: string;
  slack: SlackGateway;
  publicUrl: string;
}

export function createSlackEventsHandler(_deps: SlackEventsDeps): (request: Request) => Promise<Response> {
  return async () => new Response('not implemented', { status: 501 });
}

export function createSlackGateway(_options: { token: string; apiUrl?: string | undefined }): SlackGateway {
  throw new Error('not implemented');
}
