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

/** Where uploaded files live: local disk by default, any S3-compatible store by configuration. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** Every file under `prefix`, with when it was written (the orphan scan skips young ones). */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

/** Outgoing e-mail (SMTP in production; a real SMTP server on loopback in tests). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}
