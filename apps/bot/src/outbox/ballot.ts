import { slackLinkOf, type SlackOutboxKind } from '@outpost/core';
import type { Database, OutboxRow } from '@outpost/db';
import type { BallotMessage } from '../ballots/message.ts';

/**
 * How one kind of ballot DM goes out through the outbox (decision record 058): the approval
 * ballots (each `BallotKind.outbox`) and the committee vote. What differs is only named here.
 */
export interface BallotOutbox {
  /** The outbox kinds (`contract_ballot`, `contract_refresh`, …): stored in queued rows, never rename. */
  ballotKind: string;
  refreshKind: string;
  /** The payload field of the subject's id, as core queues it (`contractId`, `recordId`, …). */
  key: string;
  /** Who gets the DM: its word in skip reasons, and `<recipient>Id` its field in a refresh payload. */
  recipient: 'approver' | 'member';
  /** The subject in skip reasons: "malformed <noun> ballot", "malformed <noun> refresh". */
  noun: string;
  /** The recipient's message as it is now (the capability's own loader and view). */
  message(
    db: Database,
    input: { subjectId: string; recipientId: string; publicUrl: string },
  ): Promise<BallotMessage>;
  /** Remembers the posted message, so later refreshes can edit it. */
  record(
    tx: Database,
    message: { subjectId: string; recipientId: string; channel: string; ts: string },
  ): Promise<void>;
}

/**
 * The two outbox kinds of a ballot. `<x>_ballot`: the DM to each recipient of the ballot's inbox
 * notification, rendered at delivery (one who already decided in the console, or a subject
 * decided meanwhile, gets the current state instead of buttons) and remembered. `<x>_refresh`:
 * redraws a remembered message in place (chat.update), from the state at delivery.
 */
export function ballotOutboxKinds(spec: BallotOutbox): Record<string, SlackOutboxKind> {
  const recipientField = `${spec.recipient}Id`;
  return {
    [spec.ballotKind]: {
      async plan(db, row, { publicUrl }) {
        const ballot = await ballotOf(spec, db, row);
        if ('skip' in ballot) return ballot;
        const link = await slackLinkOf(db, ballot.recipientId);
        if (!link) return { skip: `${spec.recipient} has no linked Slack user` };
        const message = await spec.message(db, { ...ballot, publicUrl });
        if ('skip' in message) return message;
        return { post: { channel: link.slackUserId, text: message.text, blocks: message.blocks } };
      },
      async delivered(tx, row, ref) {
        const ballot = await ballotOf(spec, tx, row);
        if ('skip' in ballot) return;
        await spec.record(tx, { ...ballot, channel: ref.channel, ts: ref.ts });
      },
    },
    [spec.refreshKind]: {
      async plan(db, row, { publicUrl }) {
        const { [spec.key]: subjectId, [recipientField]: recipientId, ts } = row.payload;
        if (
          typeof subjectId !== 'string' ||
          typeof recipientId !== 'string' ||
          typeof ts !== 'string' ||
          !row.target
        ) {
          return { skip: `malformed ${spec.noun} refresh` };
        }
        const message = await spec.message(db, { subjectId, recipientId, publicUrl });
        if ('skip' in message) return message;
        return { update: { channel: row.target, ts, text: message.text, blocks: message.blocks } };
      },
    },
  };
}

/** The recipient is the recipient of the ballot's inbox notification (core's `queueBallots`). */
async function ballotOf(
  spec: BallotOutbox,
  db: Database,
  row: OutboxRow,
): Promise<{ subjectId: string; recipientId: string } | { skip: string }> {
  const subjectId = row.payload[spec.key];
  if (typeof subjectId !== 'string' || !row.notificationId) return { skip: `malformed ${spec.noun} ballot` };
  const notificationId = row.notificationId;
  const notification = await db.query.notifications.findFirst({
    columns: { recipientId: true },
    where: (n, { eq }) => eq(n.id, notificationId),
  });
  if (!notification) return { skip: 'notification no longer exists' };
  return { subjectId, recipientId: notification.recipientId };
}
