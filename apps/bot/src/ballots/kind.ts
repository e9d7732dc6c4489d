import { isAppError, type Person } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { VoteOutcome } from '../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import { errorView } from '../views/error.ts';
import type { BallotOutbox } from '../outbox/ballot.ts';
import { notLinkedView } from '../views/not-linked.ts';
import type { BallotKindName } from './ids.ts';

/** Approve, or the ballot's second button (a contract's Return, an incentive's or case's Reject). */
export type BallotDecision = 'approve' | 'reject';

/**
 * What one kind of approval ballot does differently (decision record 058): its ids (./ids.ts), the
 * words of its reason modal, the calls into core, and its outbox delivery. Everything else —
 * buttons, modal, repeat detection, answers, posting and redrawing the DM — is shared.
 */
export interface BallotKind {
  kind: BallotKindName;
  /** For logs: "Contract return modal …". */
  label: string;
  /** The i18n prefix of the reason modal (`title`, `submit`, `cancel`, `intro`, `label`, `reasonInvalid`). */
  modal: 'contracts.returnModal' | 'incentives.rejectModal' | 'terminations.rejectModal';
  /** Whether core's own input schema refuses this reason (so the modal stays open with the error). */
  reasonRefused(subjectId: string, reason: string): boolean;
  decide(
    deps: ListenerDeps,
    person: Person,
    input: { subjectId: string; decision: BallotDecision; reason?: string },
  ): Promise<unknown>;
  /** Whether this approver's stored decision is already this one; `afterRace` after core refused a second one. */
  decided(
    deps: ListenerDeps,
    approverId: string,
    subjectId: string,
    decision: BallotDecision,
    afterRace: boolean,
  ): Promise<boolean>;
  /** Whether core's refusal may be the loser of two racing clicks (then `decided` is asked again). */
  mayBeRace(error: unknown): boolean;
  /** How its DM is posted and redrawn from the outbox (../outbox/ballot.ts). */
  outbox: BallotOutbox;
}

/**
 * A ballot decision from Slack, as the clicking person, through core (which checks they are an
 * approver, one decision each, one outcome). Decided before the click is acked: `voted` (stored,
 * every approver's message refresh queued in the same transaction), `repeat` (this approver
 * already made this very decision: a double click or Slack's retry — nothing to do), or `reply`
 * (refused or not linked: nothing changed, the person is told why).
 */
export async function decideBallotFromSlack(
  deps: ListenerDeps,
  kind: BallotKind,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    subjectId: string;
    decision: BallotDecision;
    reason?: string;
    locale?: Locale | null;
  },
): Promise<VoteOutcome> {
  let locale = input.locale ?? null;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return { kind: 'reply', message: notLinkedView(who, deps.publicUrl) };
    const userId = who.person.user.id;
    if (await kind.decided(deps, userId, input.subjectId, input.decision, false)) return { kind: 'repeat' };
    try {
      await kind.decide(deps, who.person, {
        subjectId: input.subjectId,
        decision: input.decision,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      });
      return { kind: 'voted' };
    } catch (error) {
      // Two clicks raced past the read above: the loser finds its own decision already stored.
      if (
        isAppError(error) &&
        kind.mayBeRace(error) &&
        (await kind.decided(deps, userId, input.subjectId, input.decision, true))
      ) {
        return { kind: 'repeat' };
      }
      throw error;
    }
  } catch (error) {
    return { kind: 'reply', message: errorView(locale, error) };
  }
}

/** Whether core's schema refuses the reason itself (other fields are core's to refuse later). */
export function refused(
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  value: unknown,
) {
  const checked = schema.safeParse(value);
  return !checked.success && (checked.error?.issues ?? []).some((issue) => issue.path[0] === 'reason');
}
