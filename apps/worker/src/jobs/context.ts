import type { FileStorage, Mailer, SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';

/** What every scheduled job gets. */
export interface JobContext {
  db: Database;
  slack: SlackGateway | null;
  /** Outgoing e-mail; without one (no SMTP_URL) e-mail rows wait in the outbox. */
  mailer?: Mailer | null;
  /** The file store, for the orphan scan; without one that job does nothing. */
  storage?: FileStorage | null;
  publicUrl: string;
  /** Slack ids of the symbolic channels core writes into the outbox (`channel:reviewers`, …). */
  slackChannels: Record<string, string | null>;
  /** SESSION_TTL_DAYS from the configuration (default 10 days). */
  sessionInactivityMs?: number;
  /** Where audit checkpoints are e-mailed besides the auditors' Slack channel (AUDIT_CHECKPOINT_EMAIL). */
  auditCheckpointEmail?: string | null;
}
