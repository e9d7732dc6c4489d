import { recordIncentiveMessage, type SlackOutboxKind, slackLinkOf } from '@outpost/core';
import type { Database, OutboxRow } from '@outpost/db';
import { incentiveMessage } from '../incentives/ballot.ts';

/**
 * `incentive_ballot`: the DM asking an approver to approve or reject an incentive record above the
 * threshold; rendered at delivery and remembered so refreshes can edit it (as contract ballots).
 */
export const incentiveBallotKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const ballot = await ballotOf(db, row);
    if ('skip' in ballot) return ballot;
    const link = await slackLinkOf(db, ballot.approverId);
    if (!link) return { skip: 'approver has no linked Slack user' };
    const message = await incentiveMessage(db, { ...ballot, publicUrl });
    if ('skip' in message) return message;
    return { post: { channel: link.slackUserId, text: message.text, blocks: message.blocks } };
  },
  async delivered(tx, row, ref) {
    const ballot = await ballotOf(tx, row);
    if ('skip' in ballot) return;
    await recordIncentiveMessage(tx, { ...ballot, channel: ref.channel, ts: ref.ts });
  },
};

/** The approver is the recipient of the ballot's inbox notification (queueIncentiveBallots). */
async function ballotOf(
  db: Database,
  row: OutboxRow,
): Promise<{ recordId: string; approverId: string } | { skip: string }> {
  const recordId = row.payload.recordId;
  if (typeof recordId !== 'string' || !row.notificationId) return { skip: 'malformed incentive ballot' };
  const notificationId = row.notificationId;
  const notification = await db.query.notifications.findFirst({
    columns: { recipientId: true },
    where: (n, { eq }) => eq(n.id, notificationId),
  });
  if (!notification) return { skip: 'notification no longer exists' };
  return { recordId, approverId: notification.recipientId };
}
