import { recordContractMessage, slackLinkOf, type SlackOutboxKind } from '@outpost/core';
import type { Database, OutboxRow } from '@outpost/db';
import { contractMessage } from '../contracts/ballot.ts';

/**
 * `contract_ballot`: the DM asking an approver to approve or return a contract, queued per
 * approver when it reaches approval; rendered at delivery (an approver who already decided in the
 * console gets the current state instead of buttons) and remembered so refreshes can edit it.
 */
export const contractBallotKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const ballot = await ballotOf(db, row);
    if ('skip' in ballot) return ballot;
    const link = await slackLinkOf(db, ballot.approverId);
    if (!link) return { skip: 'approver has no linked Slack user' };
    const message = await contractMessage(db, { ...ballot, publicUrl });
    if ('skip' in message) return message;
    return { post: { channel: link.slackUserId, text: message.text, blocks: message.blocks } };
  },
  async delivered(tx, row, ref) {
    const ballot = await ballotOf(tx, row);
    if ('skip' in ballot) return;
    await recordContractMessage(tx, { ...ballot, channel: ref.channel, ts: ref.ts });
  },
};

/** The approver is the recipient of the ballot's inbox notification (queueContractBallots). */
async function ballotOf(
  db: Database,
  row: OutboxRow,
): Promise<{ contractId: string; approverId: string } | { skip: string }> {
  const contractId = row.payload.contractId;
  if (typeof contractId !== 'string' || !row.notificationId) return { skip: 'malformed contract ballot' };
  const notificationId = row.notificationId;
  const notification = await db.query.notifications.findFirst({
    columns: { recipientId: true },
    where: (n, { eq }) => eq(n.id, notificationId),
  });
  if (!notification) return { skip: 'notification no longer exists' };
  return { contractId, approverId: notification.recipientId };
}
