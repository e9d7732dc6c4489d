import { approvalBallotBlocks, type IncentiveTally } from '@outpost/core';
import { formatNumber, type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';
import { BALLOT_IDS, ballotBlockId } from '../ballots/ids.ts';

/** Everything an approver's Slack message shows about an incentive record, read at render time. */
export interface IncentiveBallotState {
  recordId: string;
  partnerName: string;
  quarter: string;
  serviceCategory: string;
  tierName: string;
  amountCents: number;
  score: number | null;
  grade: string | null;
  status: string;
  isApprover: boolean;
  myDecision: 'approve' | 'reject' | null;
  tally: IncentiveTally;
}

/**
 * The approver's message (core's approvalBallotBlocks): the record's summary, then Approve /
 * Reject… / Open while it waits for them; once decided (by them or as a whole), their decision
 * and the outcome with the live tally.
 */
export function incentiveBallotView(
  state: IncentiveBallotState,
  options: { locale: Locale; publicUrl: string },
) {
  const { locale } = options;
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const score = state.score === null ? '—' : formatNumber(locale, state.score, 1);
  return approvalBallotBlocks({
    title: t('incentives.ballot.title', { name: state.partnerName, quarter: state.quarter }),
    url: `${options.publicUrl.replace(/\/$/, '')}/s/incentives/records/${state.recordId}`,
    waiting: state.status === 'pending_approval' && state.isApprover && state.myDecision === null,
    intro: t('incentives.ballot.intro'),
    fields: [
      [t('incentives.ballot.partner'), state.partnerName],
      [t('incentives.records.category'), t(`category.${state.serviceCategory}` as MessageKey)],
      [t('incentives.ballot.tier'), state.tierName],
      [t('incentives.ballot.amount'), `${formatNumber(locale, state.amountCents / 100, 2)} CNY`],
      [t('incentives.ballot.basis'), `${score} / ${state.grade ?? '—'}`],
    ],
    buttons: {
      blockId: ballotBlockId('incentive', locale),
      value: state.recordId,
      approve: { actionId: BALLOT_IDS.incentive.approve, label: t('incentives.ballot.approve') },
      reject: { actionId: BALLOT_IDS.incentive.reject, label: t('incentives.ballot.reject') },
      open: t('notify.open'),
    },
    tally: t('incentives.ballot.tally', {
      approve: state.tally.approve,
      rejected: state.tally.reject,
      pending: state.tally.pending,
      approvers: state.tally.approvers,
    }),
    status: () => statusLine(state, t),
  });
}

function statusLine(state: IncentiveBallotState, t: (key: MessageKey, params?: Params) => string) {
  const mine = state.myDecision ? ` ${t(`incentives.ballot.youDecided.${state.myDecision}`)}` : '';
  switch (state.status) {
    case 'pending_approval':
      return state.isApprover
        ? `:ballot_box_with_check:${mine}`
        : `:information_source: ${t('errors.incentives.not_approver')}`;
    case 'rejected':
      return `:x: ${t('incentives.ballot.rejected')}${mine}`;
    case 'on_hold':
      return `:hourglass: ${t('incentives.ballot.onHold')}`;
    case 'withdrawn':
      return `:leftwards_arrow_with_hook: ${t('incentives.ballot.withdrawn')}`;
    default:
      return `:white_check_mark: ${t('incentives.ballot.approved')}${mine}`;
  }
}
