import { type Database, incentiveMessages, notifications, outbox } from '@outpost/db';
import { and, eq, isNull } from 'drizzle-orm';
import { slackRefreshTiming } from '../slack-refresh.ts';

export const INCENTIVE_BALLOT_KIND = 'incentive_ballot';
export const INCENTIVE_REFRESH_KIND = 'incentive_refresh';
const APPROVAL_NEEDED = 'notify.incentive_approval_needed';
export const incentiveLink = (recordId: string) => `/s/incentives/records/${recordId}`;

/**
 * Slack side of an incentive's approval, as contract approvals (contracts/approval-messages.ts):
 * an inbox entry per approver and a ballot DM rendered by the bot at delivery time, all in the
 * transaction that made the record wait.
 */
export async function queueIncentiveBallots(
  tx: Database,
  record: { id: string; quarter: string },
  partnerName: string,
  approverIds: string[],
) {
  if (approverIds.length === 0) return;
  const inbox = await tx
    .insert(notifications)
    .values(
      approverIds.map((recipientId) => ({
        recipientId,
        template: APPROVAL_NEEDED,
        params: { name: partnerName, quarter: record.quarter },
        link: incentiveLink(record.id),
      })),
    )
    .returning({ id: notifications.id });
  await tx.insert(outbox).values(
    inbox.map((n) => ({
      channel: 'slack' as const,
      target: null,
      notificationId: n.id,
      payload: { kind: INCENTIVE_BALLOT_KIND, recordId: record.id },
    })),
  );
}

/** Redraws every approver's message (live tally; a hold or decision changes all of them). */
export async function queueIncentiveRefresh(tx: Database, recordId: string) {
  const messages = await tx.select().from(incentiveMessages).where(eq(incentiveMessages.recordId, recordId));
  if (messages.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        channel: 'slack' as const,
        target: m.channel,
        payload: { kind: INCENTIVE_REFRESH_KIND, recordId, approverId: m.approverId, ts: m.ts },
        ...slackRefreshTiming(m.channel, m.ts),
      })),
    )
    .onConflictDoNothing();
}

export async function recordIncentiveMessage(
  tx: Database,
  message: { recordId: string; approverId: string; channel: string; ts: string },
) {
  await tx
    .insert(incentiveMessages)
    .values(message)
    .onConflictDoUpdate({
      target: [incentiveMessages.recordId, incentiveMessages.approverId],
      set: { channel: message.channel, ts: message.ts, createdAt: new Date() },
    });
}

/** The approver answered (Slack or console): the inbox entry no longer asks for anything. */
export async function markIncentiveAsked(tx: Database, approverId: string, recordId: string) {
  await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.recipientId, approverId),
        eq(notifications.template, APPROVAL_NEEDED),
        eq(notifications.link, incentiveLink(recordId)),
        isNull(notifications.readAt),
      ),
    );
}
