import {
  approvalDecisionInput,
  decideContractApproval,
  isAppError,
  isUuid,
  openVersionOf,
  CONTRACT_BALLOT_KIND,
  CONTRACT_REFRESH_KIND,
  recordContractMessage,
} from '@outpost/core';
import { type BallotKind, refused } from '../ballots/kind.ts';
import { contractMessage } from './ballot.ts';
import type { ListenerDeps } from '../deps.ts';

/** The contract approval ballot (amendments and renewals included): Approve / Return…. */
export const contractBallotKind: BallotKind = {
  kind: 'contract',
  label: 'Contract return',
  modal: 'contracts.returnModal',
  reasonRefused: (contractId, reason) =>
    refused(approvalDecisionInput, { contractId, decision: 'return', reason }),
  decide: (deps, person, input) =>
    decideContractApproval(deps.db, person.actor, {
      contractId: input.subjectId,
      decision: asContract(input.decision),
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      via: 'slack',
    }),
  decided: (deps, approverId, contractId, decision, afterRace) =>
    alreadyDecided(deps, approverId, contractId, asContract(decision), afterRace),
  mayBeRace: (error) =>
    isAppError(error) &&
    (error.code === 'already_decided' || error.messageKey === 'errors.contracts.already_decided'),
  outbox: {
    ballotKind: CONTRACT_BALLOT_KIND,
    refreshKind: CONTRACT_REFRESH_KIND,
    key: 'contractId',
    recipient: 'approver',
    noun: 'contract',
    message: (db, m) =>
      contractMessage(db, { contractId: m.subjectId, approverId: m.recipientId, publicUrl: m.publicUrl }),
    record: (tx, m) =>
      recordContractMessage(tx, {
        contractId: m.subjectId,
        approverId: m.recipientId,
        channel: m.channel,
        ts: m.ts,
      }),
  },
};

const asContract = (decision: 'approve' | 'reject') => (decision === 'reject' ? 'return' : 'approve');

/** Whether this approver's decision on the contract's current version (or, `anyVersion`, its last one) is this. */
async function alreadyDecided(
  deps: ListenerDeps,
  approverId: string,
  contractId: string,
  decision: 'approve' | 'return',
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
