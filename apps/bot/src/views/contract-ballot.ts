import { type ApprovalTally, escapeSlackText, OPEN_IN_OUTPOST_ACTION_ID } from '@outpost/core';
import type { ContractTerms } from '@outpost/db';
import { formatDay, formatNumber, type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';
import { approvalBlockId, CONTRACT_APPROVAL_ACTION_IDS } from '../contracts/ids.ts';

type Block = Record<string, unknown>;

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
 * The approver's message: the contract's summary, then Approve / Return / Open while it waits for
 * them; once they decided, their decision with the live tally; once decided or moved on, the
 * outcome. Only the ballot has buttons.
 */
export function contractBallotView(
  state: ContractBallotState,
  options: { locale: Locale; publicUrl: string },
): { text: string; blocks: Block[] } {
  const { locale } = options;
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const url = `${options.publicUrl.replace(/\/$/, '')}/s/contracts/${state.contractId}${state.amendment ? '/amendment' : ''}`;
  const title = t('contracts.ballot.title', { reference: state.reference, name: state.partnerName });
  const waiting = state.status === 'approval' && state.isApprover && state.myDecision === null;
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150) } }];
  if (waiting) blocks.push(section(t('contracts.ballot.intro')));
  if (state.amendment) {
    blocks.push(
      section(
        clip(
          escapeSlackText(
            state.amendment.renewal
              ? t('contracts.renewal.ballot', {
                  version: state.amendment.version,
                  reason: state.amendment.reason,
                  endDate: formatDay(locale, state.amendment.endDate) ?? state.amendment.endDate ?? '',
                })
              : t('contracts.amendment.ballot', {
                  version: state.amendment.version,
                  reason: state.amendment.reason,
                }),
          ),
          3000,
        ),
      ),
    );
  }
  const { terms } = state;
  const fields: [MessageKey, string][] = [
    ['contracts.ballot.partner', state.partnerName],
    ['contracts.ballot.category', t(`category.${state.serviceCategory}` as MessageKey)],
    ['contracts.ballot.term', `${formatDay(locale, terms.startDate)} – ${formatDay(locale, terms.endDate)}`],
    ['contracts.ballot.value', `${formatNumber(locale, terms.annualValueCents / 100, 2)} ${terms.currency}`],
  ];
  blocks.push({
    type: 'section',
    fields: fields.map(([label, value]) => ({
      type: 'mrkdwn',
      text: clip(`*${escapeSlackText(t(label))}*\n${escapeSlackText(value)}`, 2000),
    })),
  });
  const tally = tallyLine(state.tally, t);
  let status: string | null = null;
  if (waiting) {
    blocks.push({
      type: 'actions',
      block_id: approvalBlockId(locale),
      elements: [
        button(
          CONTRACT_APPROVAL_ACTION_IDS.approve,
          t('contracts.ballot.approve'),
          state.contractId,
          'primary',
        ),
        button(CONTRACT_APPROVAL_ACTION_IDS.return, t('contracts.ballot.return'), state.contractId, 'danger'),
        {
          type: 'button',
          action_id: OPEN_IN_OUTPOST_ACTION_ID,
          text: { type: 'plain_text', text: t('notify.open') },
          url,
        },
      ],
    });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tally }] });
  } else {
    status = statusLine(state, t);
    blocks.push(section(status));
    const link = `<${url}|${escapeSlackText(t('notify.open'))}>`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${tally}  ·  ${link}` }] });
  }
  const heading = escapeSlackText(title);
  return { text: status ? `${heading}\n${status}` : heading, blocks };
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

const tallyLine = (tally: ApprovalTally, t: (key: MessageKey, params?: Params) => string) =>
  t('contracts.ballot.tally', {
    approve: tally.approve,
    returned: tally.return,
    pending: tally.pending,
    approvers: tally.approvers,
  });

function button(actionId: string, label: string, value: string, style: 'primary' | 'danger') {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value, style };
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
