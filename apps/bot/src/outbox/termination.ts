import { recordTerminationMessage, slackLinkOf, type SlackOutboxKind } from '@outpost/core';
import type { Database, OutboxRow } from '@outpost/db';
import { terminationMessage } from '../terminations/ballot.ts';

/**
 * `termination_ballot`: the DM asking an approver to approve or reject a termination case,
 * rendered at delivery and remembered so refreshes can edit it.
 */
export const terminationBallotKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const ballot = await ballotOf(db, row);
    if ('skip' in ballot) return ballot;
    const link = await slackLinkOf(db, ballot.approverId);
    if (!link) return { skip: 'approver has no linked Slack user' };
    const message = await terminationMessage(db, { ...ballot, publicUrl });
    if ('skip' in message) return message;
    return { post: { channel: link.slackUserId, text: message.text, blocks: message.blocks } };
  },
  async delivered(tx, row, ref) {
    const ballot = await ballotOf(tx, row);
    if ('skip' in ballot) return;
    await recordTerminationMessage(tx, { ...ballot, channel: ref.channel, ts: ref.ts });
  },
};

/** `termination_refresh`: redraws an approver's message in place, from the state at delivery. */
export const terminationRefreshKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const { caseId, approverId, ts } = row.payload;
    if (
      typeof caseId !== 'string' ||
      typeof approverId !== 'string' ||
      typeof ts !== 'string' ||
      !row.target
    ) {
      return { skip: 'malformed termination refresh' };
    }
    const message = await terminationMessage(db, { caseId, approverId, publicUrl });
    if ('skip' in message) return message;
    return { update: { channel: row.target, ts, text: message.text, blocks: message.blocks } };
  },
};

async function ballotOf(
  db: Database,
  row: OutboxRow,
): Promise<{ caseId: string; approverId: string } | { skip: string }> {
  const caseId = row.payload.caseId;
  if (typeof caseId !== 'string' || !row.notificationId) return { skip: 'malformed termination ballot' };
  const notificationId = row.notificationId;
  const notification = await db.query.notifications.findFirst({
    columns: { recipientId: true },
    where: (n, { eq }) => eq(n.id, notificationId),
  });
  if (!notification) return { skip: 'notification no longer exists' };
  return { caseId, approverId: notification.recipientId };
}
