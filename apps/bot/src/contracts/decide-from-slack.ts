import { decideContractApproval, isAppError, isUuid, openVersionOf } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import { errorView } from '../views/error.ts';
import { notLinkedView } from '../views/not-linked.ts';
import type { VoteOutcome } from '../committee/vote-from-slack.ts';

type Decision = 'approve' | 'return';

/**
 * An approval decision from Slack, as the clicking person, through core (which checks they are an
 * approver of this version, one decision each, one outcome). Decided before the click is acked:
 * `voted` (stored, every approver's message refresh queued in the same transaction), `repeat` (this
 * approver already made this very decision: a double click or Slack's retry — nothing to do), or
 * `reply` (refused or not linked: nothing changed, the person is told why).
 */
export async function decideFromSlack(
  deps: ListenerDeps,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    contractId: string;
    decision: Decision;
    reason?: string;
    locale?: Locale | null;
  },
): Promise<VoteOutcome> {
  let locale = input.locale ?? null;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return { kind: 'reply', message: notLinkedView(who, deps.publicUrl) };
    if (await alreadyDecided(deps, who.person.user.id, input.contractId, input.decision))
      return { kind: 'repeat' };
    try {
      await decideContractApproval(deps.db, who.person.actor, {
        contractId: input.contractId,
        decision: input.decision,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        via: 'slack',
      });
      return { kind: 'voted' };
    } catch (error) {
      // Two clicks raced past the read above: the loser finds its own decision already stored.
      const repeatable =
        isAppError(error) &&
        (error.code === 'already_decided' || error.messageKey === 'errors.contracts.already_decided');
      if (
        repeatable &&
        (await alreadyDecided(deps, who.person.user.id, input.contractId, input.decision, true))
      ) {
        return { kind: 'repeat' };
      }
      throw error;
    }
  } catch (error) {
    return { kind: 'reply', message: errorView(locale, error) };
  }
}

/** Whether this approver's decision on the contract's current version (or, `anyVersion`, its last one) is this. */
async function alreadyDecided(
  deps: ListenerDeps,
  approverId: string,
  contractId: string,
  decision: Decision,
  anyVersion = false,
) {
  if (!isUuid(contractId)) return false;
  const contract = await deps.db.query.contracts.findFirst({
    columns: { currentVersion: true },
    where: (c, { eq }) => eq(c.id, contractId),
  });
  if (!contract) return false;
  // Withdrawn while the approver's message was open (decision record 047): nothing of theirs is
  // repeated — the click is refused by core and they are told so.
  if (await withdrawnLast(deps, contractId)) return false;
  const rows = await deps.db.query.contractApprovals.findMany({
    columns: { decision: true, version: true },
    where: (a, { and, eq }) => and(eq(a.contractId, contractId), eq(a.approverId, approverId)),
  });
  const latest = rows.sort((a, b) => b.version - a.version)[0];
  if (!latest) return false;
  // The version being decided: an amendment's while one is open, else the contract's current one.
  const open = await openVersionOf(deps.db, contractId);
  const current = open?.version ?? contract.currentVersion;
  // A return moved the contract to the next version: the returned one is the approver's last.
  return latest.decision === decision && (anyVersion || latest.version === current);
}

/** Whether the contract's newest version is an amendment or renewal withdrawn (nothing left to decide). */
async function withdrawnLast(deps: ListenerDeps, contractId: string) {
  if (!isUuid(contractId)) return false;
  const rows = await deps.db.query.contractVersions.findMany({
    columns: { version: true, status: true },
    where: (v, { eq }) => eq(v.contractId, contractId),
  });
  const newest = rows.sort((a, b) => b.version - a.version)[0];
  return newest?.status === 'withdrawn';
}
