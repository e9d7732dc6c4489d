import { escapeSlackText, type IncentiveTally, OPEN_IN_OUTPOST_ACTION_ID } from '@outpost/core';
import { formatNumber, type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';
import { INCENTIVE_ACTION_IDS, incentiveBlockId } from '../incentives/ids.ts';

type Block = Record<string, unknown>;

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
 * The approver's message: the record's summary, then Approve / Reject… / Open while it waits for
 * them; once decided (by them or as a whole), their decision and the outcome with the live tally.
 */
export function incentiveBallotView(
  state: IncentiveBallotState,
  options: { locale: Locale; publicUrl: string },
): { text: string; blocks: Block[] } {
  const { locale } = options;
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const url = `${options.publicUrl.replace(/\/$/, '')}/s/incentives/records/${state.recordId}`;
  const title = t('incentives.ballot.title', { name: state.partnerName, quarter: state.quarter });
  const waiting = state.status === 'pending_approval' && state.isApprover && state.myDecision === null;
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150) } }];
  if (waiting) blocks.push(section(t('incentives.ballot.intro')));
  const fields: [MessageKey, string][] = [
    ['incentives.ballot.partner', state.partnerName],
    ['incentives.records.category', t(`category.${state.serviceCategory}` as MessageKey)],
    ['incentives.ballot.tier', state.tierName],
    ['incentives.ballot.amount', `${formatNumber(locale, state.amountCents / 100, 2)} CNY`],
    [
      'incentives.ballot.basis',
      `${state.score === null ? '—' : formatNumber(locale, state.score, 1)} / ${state.grade ?? '—'}`,
    ],
  ];
  blocks.push({
    type: 'section',
    fields: fields.map(([label, value]) => ({
      type: 'mrkdwn',
      text: clip(`*${escapeSlackText(t(label))}*\n${escapeSlackText(value)}`, 2000),
    })),
  });
  const tally = t('incentives.ballot.tally', {
    approve: state.tally.approve,
    rejected: state.tally.reject,
    pending: state.tally.pending,
    approvers: state.tally.approvers,
  });
  let status: string | null = null;
  if (waiting) {
    blocks.push({
      type: 'actions',
      block_id: incentiveBlockId(locale),
      elements: [
        button(INCENTIVE_ACTION_IDS.approve, t('incentives.ballot.approve'), state.recordId, 'primary'),
        button(INCENTIVE_ACTION_IDS.reject, t('incentives.ballot.reject'), state.recordId, 'danger'),
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

function button(actionId: string, label: string, value: string, style: 'primary' | 'danger') {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value, style };
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
