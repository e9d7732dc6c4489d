import { type ApprovalTally, approvalBallotBlocks, escapeSlackText } from '@outpost/core';
import type { ContractTerms } from '@outpost/db';
import { formatDay, formatNumber, type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';
import { BALLOT_IDS, ballotBlockId } from '../ballots/ids.ts';

/** Everything an approver's Slack message shows about a contract, read at render time. */
export interface ContractBallotState {
  contractId: string;
  reference: string;
  partnerName: string;
  serviceCategory: string;
  status: string;
  terms: ContractTerms;
  /** Set when the version in approval amends a contract in force (decision record 040). */
  amendment?: { version: number; reason: string; renewal?: boolean; endDate?: string } | null;
  /** Why the amendment or renewal in approval was withdrawn (status `withdrawn`, decision record 047). */
  withdrawnReason?: string | null;
  isApprover: boolean;
  myDecision: 'approve' | 'return' | null;
  tally: ApprovalTally;
}

/**
 * The approver's message (core's approvalBallotBlocks): the contract's summary, then Approve /
 * Return / Open while it waits for them; once they decided, their decision with the live tally;
 * once decided or moved on, the outcome. Only the ballot has buttons.
 */
export function contractBallotView(
  state: ContractBallotState,
  options: { locale: Locale; publicUrl: string },
) {
  const { locale } = options;
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const { terms, amendment } = state;
  return approvalBallotBlocks({
    title: t('contracts.ballot.title', { reference: state.reference, name: state.partnerName }),
    url: `${options.publicUrl.replace(/\/$/, '')}/s/contracts/${state.contractId}${amendment ? '/amendment' : ''}`,
    waiting: state.status === 'approval' && state.isApprover && state.myDecision === null,
    intro: t('contracts.ballot.intro'),
    before: amendment
      ? [
          escapeSlackText(
            amendment.renewal
              ? t('contracts.renewal.ballot', {
                  version: amendment.version,
                  reason: amendment.reason,
                  endDate: formatDay(locale, amendment.endDate) ?? amendment.endDate ?? '',
                })
              : t('contracts.amendment.ballot', { version: amendment.version, reason: amendment.reason }),
          ),
        ]
      : [],
    fields: [
      [t('contracts.ballot.partner'), state.partnerName],
      [t('contracts.ballot.category'), t(`category.${state.serviceCategory}` as MessageKey)],
      [
        t('contracts.ballot.term'),
        `${formatDay(locale, terms.startDate)} – ${formatDay(locale, terms.endDate)}`,
      ],
      [
        t('contracts.ballot.value'),
        `${formatNumber(locale, terms.annualValueCents / 100, 2)} ${terms.currency}`,
      ],
    ],
    buttons: {
      blockId: ballotBlockId('contract', locale),
      value: state.contractId,
      approve: { actionId: BALLOT_IDS.contract.approve, label: t('contracts.ballot.approve') },
      reject: { actionId: BALLOT_IDS.contract.reject, label: t('contracts.ballot.return') },
      open: t('notify.open'),
    },
    tally: t('contracts.ballot.tally', {
      approve: state.tally.approve,
      returned: state.tally.return,
      pending: state.tally.pending,
      approvers: state.tally.approvers,
    }),
    status: () => statusLine(state, t),
  });
}

function statusLine(state: ContractBallotState, t: (key: MessageKey, params?: Params) => string) {
  const mine = state.myDecision ? ` ${t(`contracts.ballot.youDecided.${state.myDecision}`)}` : '';
  if (state.status === 'approval') {
    return state.isApprover
      ? `:ballot_box_with_check:${mine}`
      : `:information_source: ${t('errors.contracts.not_approver')}`;
  }
  if (state.status === 'withdrawn') {
    return `:no_entry_sign: ${
      state.withdrawnReason
        ? escapeSlackText(t('contracts.ballot.withdrawnReason', { reason: state.withdrawnReason }))
        : t('contracts.ballot.withdrawn')
    }${mine}`;
  }
  if (state.status === 'draft') return `:leftwards_arrow_with_hook: ${t('contracts.ballot.returned')}${mine}`;
  if (state.status === 'legal_review') return `:information_source: ${t('contracts.ballot.inReview')}`;
  return `:white_check_mark: ${t('contracts.ballot.approved')}${mine}`;
}
