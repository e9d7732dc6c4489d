import type { Mailer, SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';

/** What every scheduled job gets. */
export interface JobContext {
  db: Database;
  slack: SlackGateway | null;
  /** Outgoing e-mail; without one (no SMTP_URL) e-mail rows wait in the outbox. */
  mailer?: Mailer | null;
  publicUrl: string;
  /** Slack ids of the symbolic channels core writes into the outbox (`channel:reviewers`, …). */
  slackChannels: Record<string, string | null>;
  /** Where audit checkpoints are e-mailed besides the auditors' Slack channel (AUDIT_CHECKPOINT_EMAIL). */
  auditCheckpointEmail?: string | null;
}
