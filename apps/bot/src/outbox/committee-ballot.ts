import { recordCommitteeMessage, slackLinkOf, type SlackOutboxKind } from '@outpost/core';
import type { Database, OutboxRow } from '@outpost/db';
import { committeeMessage } from '../committee/message.ts';

/**
 * `committee_ballot`: the DM that asks a committee member for their vote, queued per
 * member when voting opens. Rendered at delivery time, so a member who already voted
 * in the portal, or an application decided meanwhile, gets the current state instead
 * of buttons. The posted message is remembered so later refreshes can edit it.
 */
export const committeeBallotKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const ballot = await ballotOf(db, row);
    if ('skip' in ballot) return ballot;
    const link = await slackLinkOf(db, ballot.memberId);
    if (!link) return { skip: 'member has no linked Slack user' };
    const message = await committeeMessage(db, { ...ballot, publicUrl });
    if ('skip' in message) return message;
    return { post: { channel: link.slackUserId, text: message.text, blocks: message.blocks } };
  },

  async delivered(tx, row, ref) {
    const ballot = await ballotOf(tx, row);
    if ('skip' in ballot) return;
    await recordCommitteeMessage(tx, { ...ballot, channel: ref.channel, ts: ref.ts });
  },
};

/** The member is the recipient of the ballot's inbox notification (queueCommitteeBallots). */
async function ballotOf(
  db: Database,
  row: OutboxRow,
): Promise<{ applicationId: string; memberId: string } | { skip: string }> {
  const applicationId = row.payload.applicationId;
  if (typeof applicationId !== 'string' || !row.notificationId) return { skip: 'malformed committee ballot' };
  const notificationId = row.notificationId;
  const notification = await db.query.notifications.findFirst({
    columns: { recipientId: true },
    where: (n, { eq }) => eq(n.id, notificationId),
  });
  if (!notification) return { skip: 'notification no longer exists' };
  return { applicationId, memberId: notification.recipientId };
}
