import {
  decideIncentive,
  incentiveDecisionInput,
  isAppError,
  isUuid,
  INCENTIVE_BALLOT_KIND,
  INCENTIVE_REFRESH_KIND,
  recordIncentiveMessage,
} from '@outpost/core';
import { type BallotDecision, type BallotKind, refused } from '../ballots/kind.ts';
import { incentiveMessage } from './ballot.ts';
import type { ListenerDeps } from '../deps.ts';

/** The incentive record's approval ballot: Approve / Reject…, one decision each per round. */
export const incentiveBallotKind: BallotKind = {
  kind: 'incentive',
  label: 'Incentive reject',
  modal: 'incentives.rejectModal',
  reasonRefused: (recordId, reason) =>
    refused(incentiveDecisionInput, { recordId, decision: 'reject', reason }),
  decide: (deps, person, input) =>
    decideIncentive(deps.db, person.actor, {
      recordId: input.subjectId,
      decision: input.decision,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      via: 'slack',
    }),
  decided: (deps, approverId, recordId, decision) => alreadyDecided(deps, approverId, recordId, decision),
  mayBeRace: (error) =>
    isAppError(error) &&
    (error.code === 'already_decided' || error.messageKey === 'errors.incentives.already_decided'),
  outbox: {
    ballotKind: INCENTIVE_BALLOT_KIND,
    refreshKind: INCENTIVE_REFRESH_KIND,
    key: 'recordId',
    recipient: 'approver',
    noun: 'incentive',
    message: (db, m) =>
      incentiveMessage(db, { recordId: m.subjectId, approverId: m.recipientId, publicUrl: m.publicUrl }),
    record: (tx, m) =>
      recordIncentiveMessage(tx, {
        recordId: m.subjectId,
        approverId: m.recipientId,
        channel: m.channel,
        ts: m.ts,
      }),
  },
};

/** Whether this approver's decision in the record's current round is this one. */
async function alreadyDecided(
  deps: ListenerDeps,
  approverId: string,
  recordId: string,
  decision: BallotDecision,
) {
  if (!isUuid(recordId)) return false;
  const record = await deps.db.query.incentiveRecords.findFirst({
    columns: { round: true },
    where: (r, { eq }) => eq(r.id, recordId),
  });
  if (!record) return false;
  const mine = await deps.db.query.incentiveApprovals.findFirst({
    columns: { decision: true },
    where: (a, { and, eq }) =>
      and(eq(a.recordId, recordId), eq(a.approverId, approverId), eq(a.round, record.round)),
  });
  return mine?.decision === decision;
}
