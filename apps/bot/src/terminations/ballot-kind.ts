import {
  decideTermination,
  terminationDecisionInput,
  terminationDecisionOf,
  TERMINATION_BALLOT_KIND,
  TERMINATION_REFRESH_KIND,
  recordTerminationMessage,
} from '@outpost/core';
import { terminationMessage } from './ballot.ts';
import { type BallotKind, refused } from '../ballots/kind.ts';

/** The termination case's approval ballot: Approve / Reject… (decision record 049). */
export const terminationBallotKind: BallotKind = {
  kind: 'termination',
  label: 'Termination reject',
  modal: 'terminations.rejectModal',
  reasonRefused: (caseId, reason) =>
    refused(terminationDecisionInput, { caseId, decision: 'reject', reason }),
  decide: (deps, person, input) =>
    decideTermination(deps.db, person.actor, {
      caseId: input.subjectId,
      decision: input.decision,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      via: 'slack',
    }),
  decided: async (deps, approverId, caseId, decision) =>
    (await terminationDecisionOf(deps.db, caseId, approverId)) === decision,
  // Any refusal may be the race's loser: the stored decision tells.
  mayBeRace: () => true,
  outbox: {
    ballotKind: TERMINATION_BALLOT_KIND,
    refreshKind: TERMINATION_REFRESH_KIND,
    key: 'caseId',
    recipient: 'approver',
    noun: 'termination',
    message: (db, m) =>
      terminationMessage(db, { caseId: m.subjectId, approverId: m.recipientId, publicUrl: m.publicUrl }),
    record: (tx, m) =>
      recordTerminationMessage(tx, {
        caseId: m.subjectId,
        approverId: m.recipientId,
        channel: m.channel,
        ts: m.ts,
      }),
  },
};
