import { approvalBallotBlocks, escapeSlackText, type TerminationTally } from '@outpost/core';
import { formatDay, type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';
import { BALLOT_IDS, ballotBlockId } from '../ballots/ids.ts';

export interface TerminationBallotState {
  caseId: string;
  partnerName: string;
  type: string;
  reason: string;
  effectiveDate: string;
  status: string;
  isApprover: boolean;
  myDecision: 'approve' | 'reject' | null;
  tally: TerminationTally;
}

/**
 * The approver's message (core's approvalBallotBlocks): the case's summary, then Approve /
 * Reject… / Open while it waits for them; once they decided or the case moved on, the outcome
 * with the live tally.
 */
export function terminationBallotView(
  state: TerminationBallotState,
  options: { locale: Locale; publicUrl: string },
) {
  const { locale } = options;
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  return approvalBallotBlocks({
    title: t('terminations.ballot.title', { name: state.partnerName }),
    url: `${options.publicUrl.replace(/\/$/, '')}/s/terminations/${state.caseId}`,
    waiting: state.status === 'approval' && state.isApprover && state.myDecision === null,
    intro: t('terminations.ballot.intro'),
    fields: [
      [t('terminations.ballot.type'), t(`terminations.type.${state.type}` as MessageKey)],
      [t('terminations.ballot.effective'), formatDay(locale, state.effectiveDate) as string],
    ],
    after: [`*${escapeSlackText(t('terminations.ballot.reason'))}*\n${escapeSlackText(state.reason)}`],
    buttons: {
      blockId: ballotBlockId('termination', locale),
      value: state.caseId,
      approve: { actionId: BALLOT_IDS.termination.approve, label: t('terminations.ballot.approve') },
      reject: { actionId: BALLOT_IDS.termination.reject, label: t('terminations.ballot.reject') },
      open: t('notify.open'),
    },
    tally: t('terminations.ballot.tally', {
      approve: state.tally.approve,
      rejected: state.tally.reject,
      pending: state.tally.pending,
      approvers: state.tally.approvers,
    }),
    status: () => statusLine(state, t),
  });
}

function statusLine(state: TerminationBallotState, t: (key: MessageKey, params?: Params) => string) {
  const mine = state.myDecision
    ? ` ${t(state.myDecision === 'approve' ? 'terminations.ballot.youApproved' : 'terminations.ballot.youRejected')}`
    : '';
  if (state.status === 'approval') {
    return state.isApprover
      ? `:ballot_box_with_check:${mine}`
      : `:information_source: ${t('terminations.error.notApprover')}`;
  }
  if (state.status === 'rejected') return `:no_entry: ${t('terminations.ballot.rejected')}${mine}`;
  if (['approved', 'completed'].includes(state.status))
    return `:white_check_mark: ${t('terminations.ballot.approved')}${mine}`;
  return `:information_source: ${t('terminations.ballot.closed')}`;
}
