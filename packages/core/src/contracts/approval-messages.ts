import { contractMessages, type Database, notifications, outbox } from '@outpost/db';
import { and, eq, isNull } from 'drizzle-orm';
import { slackRefreshTiming } from '../slack-refresh.ts';

export const CONTRACT_BALLOT_KIND = 'contract_ballot';
export const CONTRACT_REFRESH_KIND = 'contract_refresh';
const APPROVAL_NEEDED = 'notify.contract_approval_needed';
const linkOf = (contractId: string) => `/s/contracts/${contractId}`;

/**
 * Slack side of contract approval, as outbox rows committed with the change (as the committee's,
 * admission/committee-messages.ts): an inbox entry per approver and a ballot DM with Approve /
 * Return rendered by the bot at delivery time, so a late delivery shows the current state.
 */
export async function queueContractBallots(
  tx: Database,
  contract: { id: string; reference: string },
  approverIds: string[],
) {
  if (approverIds.length === 0) return;
  const inbox = await tx
    .insert(notifications)
    .values(
      approverIds.map((recipientId) => ({
        recipientId,
        template: APPROVAL_NEEDED,
        params: { reference: contract.reference },
        link: linkOf(contract.id),
      })),
    )
    .returning({ id: notifications.id });
  await tx.insert(outbox).values(
    inbox.map((n) => ({
      channel: 'slack' as const,
      target: null,
      notificationId: n.id,
      payload: { kind: CONTRACT_BALLOT_KIND, contractId: contract.id },
    })),
  );
}

/** Redraws every approver's message: the tally is live, so each decision changes all of them. */
export async function queueContractRefresh(tx: Database, contractId: string) {
  const messages = await tx
    .select()
    .from(contractMessages)
    .where(eq(contractMessages.contractId, contractId));
  if (messages.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        channel: 'slack' as const,
        target: m.channel,
        payload: { kind: CONTRACT_REFRESH_KIND, contractId, approverId: m.approverId, ts: m.ts },
        ...slackRefreshTiming(m.channel, m.ts),
      })),
    )
    // A refresh of this message already waiting will render the latest state: one is enough.
    .onConflictDoNothing();
}

export async function recordContractMessage(
  tx: Database,
  message: { contractId: string; approverId: string; channel: string; ts: string },
) {
  await tx
    .insert(contractMessages)
    .values(message)
    .onConflictDoUpdate({
      target: [contractMessages.contractId, contractMessages.approverId],
      set: { channel: message.channel, ts: message.ts, createdAt: new Date() },
    });
}

/** The approver answered (in Slack or the console): their inbox entry no longer asks for anything. */
export async function markApprovalAsked(tx: Database, approverId: string, contractId: string) {
  await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.recipientId, approverId),
        eq(notifications.template, APPROVAL_NEEDED),
        eq(notifications.link, linkOf(contractId)),
        isNull(notifications.readAt),
      ),
    );
}
