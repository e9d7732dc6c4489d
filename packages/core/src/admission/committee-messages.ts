import { type applications, committeeMessages, type Database, notifications, outbox } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { slackRefreshTiming } from '../slack-refresh.ts';

/**
 * Slack side of the committee, as outbox rows (so they commit with the decision):
 * - a ballot per member when voting opens (a DM with Approve / Reject / Abstain);
 * - a refresh of a member's ballot message after their vote, and of every ballot
 *   once the outcome is known. The worker renders each from the database at delivery
 *   time, so a late or repeated delivery still shows the current state.
 */
export async function queueCommitteeBallots(
  tx: Database,
  application: typeof applications.$inferSelect,
  partnerName: string,
) {
  const members = application.committeeRule?.members ?? [];
  if (members.length === 0) return;
  const inbox = await tx
    .insert(notifications)
    .values(
      members.map((recipientId) => ({
        recipientId,
        template: 'notify.committee_vote_needed',
        params: { name: partnerName },
        link: `/s/applications/${application.id}`,
      })),
    )
    .returning({ id: notifications.id });
  await tx.insert(outbox).values(
    inbox.map((n) => ({
      channel: 'slack' as const,
      target: null,
      notificationId: n.id,
      payload: { kind: 'committee_ballot', applicationId: application.id },
    })),
  );
}

/** Re-renders the ballot messages of the given members (all members when omitted). */
export async function queueCommitteeRefresh(tx: Database, applicationId: string, memberIds?: string[]) {
  const messages = await tx
    .select()
    .from(committeeMessages)
    .where(eq(committeeMessages.applicationId, applicationId));
  const targets = memberIds ? messages.filter((m) => memberIds.includes(m.memberId)) : messages;
  if (targets.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      targets.map((m) => ({
        channel: 'slack' as const,
        target: m.channel,
        payload: { kind: 'committee_refresh', applicationId, memberId: m.memberId, ts: m.ts },
        ...slackRefreshTiming(m.channel, m.ts),
      })),
    )
    // A refresh of this message already waiting will render the latest state: one is enough.
    .onConflictDoNothing();
}

/**
 * Remembers the Slack message that shows an application to a member, so refreshes can
 * edit it. A later ballot for the same member (voting reopened after a return, or an
 * at-least-once redelivery) replaces the reference: the newest message is the live one.
 */
export async function recordCommitteeMessage(
  tx: Database,
  message: { applicationId: string; memberId: string; channel: string; ts: string },
) {
  await tx
    .insert(committeeMessages)
    .values(message)
    .onConflictDoUpdate({
      target: [committeeMessages.applicationId, committeeMessages.memberId],
      set: { channel: message.channel, ts: message.ts, createdAt: new Date() },
    });
}
