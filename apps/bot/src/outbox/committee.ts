import { recordCommitteeMessage } from '@outpost/core';
import { committeeMessage } from '../committee/message.ts';
import type { BallotOutbox } from './ballot.ts';

/**
 * `committee_ballot` / `committee_refresh`: the DM asking a committee member for their vote,
 * queued per member when voting opens, redrawn after their vote or the committee's decision.
 * Delivered as the approval ballots are (./ballot.ts); its votes stay apart (decision record 058).
 */
export const committeeBallotOutbox: BallotOutbox = {
  ballotKind: 'committee_ballot',
  refreshKind: 'committee_refresh',
  key: 'applicationId',
  recipient: 'member',
  noun: 'committee',
  message: (db, m) =>
    committeeMessage(db, { applicationId: m.subjectId, memberId: m.recipientId, publicUrl: m.publicUrl }),
  record: (tx, m) =>
    recordCommitteeMessage(tx, {
      applicationId: m.subjectId,
      memberId: m.recipientId,
      channel: m.channel,
      ts: m.ts,
    }),
};
