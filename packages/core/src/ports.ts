/**
 * Ports: what the domain needs from outside services, implemented by the apps
 * (Slack in apps/bot). Tests fake these only at the wire (a fake Slack Web API).
 */
export interface SlackMessageRef {
  channel: string;
  ts: string;
}

export interface SlackGateway {
  /** The Slack user with this e-mail in the workspace, or null. */
  lookupUserByEmail(email: string): Promise<{ slackUserId: string; teamId: string | null } | null>;
  /** Posts a message (to a channel id or a user id, which opens a DM). */
  postMessage(input: { channel: string; text: string; blocks?: unknown[] }): Promise<SlackMessageRef>;
  updateMessage(input: SlackMessageRef & { text: string; blocks?: unknown[] }): Promise<void>;
}

/** Thrown by a SlackGateway when Slack says "slow down"; the outbox waits retryAfterSeconds. */
export class SlackRateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Slack rate limit: retry after ${retryAfterSeconds}s`);
    this.name = 'SlackRateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
