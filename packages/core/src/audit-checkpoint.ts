import type { Database } from '@outpost/db';
import { checkpointAuditChain, checkpointLine, type ExternalCheckpoint } from './audit.ts';
import { notify, queueEmail } from './notifications.ts';

/** Symbolic Slack channel of the auditors (SLACK_AUDITORS_CHANNEL), where checkpoints are posted. */
export const AUDITORS_CHANNEL = 'channel:auditors';

/**
 * The worker's audit-checkpoint job: signs the chain's head and sends the signed line
 * out of the database — to the auditors' Slack channel and, when configured, to an
 * auditors' mailbox — through the outbox, in the checkpoint's own transaction. A copy
 * outside the database is what still proves the chain's length after someone with
 * database access deleted both entries and stored checkpoints.
 */
export async function runAuditCheckpoint(
  db: Database,
  options: { email?: string | null; now?: Date } = {},
): Promise<ExternalCheckpoint | null> {
  return checkpointAuditChain(db, {
    ...(options.now ? { now: options.now } : {}),
    publish: async (tx, checkpoint) => {
      const params = {
        entries: checkpoint.entries,
        headId: checkpoint.headId,
        line: checkpointLine(checkpoint),
      };
      await notify(tx, { template: 'audit-anchor.checkpoint', params, slackChannel: AUDITORS_CHANNEL });
      if (options.email) {
        await queueEmail(tx, {
          to: options.email,
          subject: 'audit-anchor.checkpointSubject',
          body: 'audit-anchor.checkpoint',
          params,
        });
      }
    },
  });
}
