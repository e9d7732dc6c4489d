import { type Database, notifications, outbox, terminationMessages } from '@outpost/db';
import { and, eq, isNull } from 'drizzle-orm';
import { slackRefreshTiming } from '../slack-refresh.ts';
import { caseLink } from './shared.ts';

export const TERMINATION_BALLOT_KIND = 'termination_ballot';
export const TERMINATION_REFRESH_KIND = 'termination_refresh';
const APPROVAL_NEEDED = 'notify.termination_approval_needed';

/**
 * Slack side of a case's approval, committed with the change (as contracts' approval-messages.ts):
 * an inbox entry per approver and a ballot DM rendered by the bot at delivery time.
 */
export async function queueTerminationBallots(
  tx: Database,
  row: { id: string; partnerName: string },
  approverIds: string[],
) {
  if (approverIds.length === 0) return;
  const inbox = await tx
    .insert(notifications)
    .values(
      approverIds.map((recipientId) => ({
        recipientId,
        template: APPROVAL_NEEDED,
        params: { name: row.partnerName },
        link: caseLink(row.id),
      })),
    )
    .returning({ id: notifications.id });
  await tx.insert(outbox).values(
    inbox.map((n) => ({
      channel: 'slack' as const,
      target: null,
      notificationId: n.id,
      payload: { kind: TERMINATION_BALLOT_KIND, caseId: row.id },
    })),
  );
}

/** Redraws every approver's message: the tally is live. */
export async function queueTerminationRefresh(tx: Database, caseId: string) {
  const messages = await tx.select().from(terminationMessages).where(eq(terminationMessages.caseId, caseId));
  if (messages.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        channel: 'slack' as const,
        target: m.channel,
        payload: { kind: TERMINATION_REFRESH_KIND, caseId, approverId: m.approverId, ts: m.ts },
        ...slackRefreshTiming(m.channel, m.ts),
      })),
    )
    .onConflictDoNothing();
}

export async function recordTerminationMessage(
  tx: Database,
  message: { caseId: string; approverId: string; channel: string; ts: string },
) {
  await tx
    .insert(terminationMessages)
    .values(message)
    .onConflictDoUpdate({
      target: [terminationMessages.caseId, terminationMessages.approverId],
      set: { channel: message.channel, ts: message.ts, createdAt: new Date() },
    });
}

export async function markTerminationAsked(tx: Database, approverId: string, caseId: string) {
  await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.recipientId, approverId),
        eq(notifications.template, APPROVAL_NEEDED),
        eq(notifications.link, caseLink(caseId)),
        isNull(notifications.readAt),
      ),
    );
}
